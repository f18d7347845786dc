/**
 * A session's agent state from what the gateway sees, as a pure machine (the clock is the caller's):
 * - output that keeps coming `WORK_AFTER_INPUT_MS` after the last keystroke is the program working on its own (an
 *   echo, or a quick command's answer, comes sooner and is not work) → `working`;
 * - when output has been quiet for a while the caller reads the screen (`screen`): a question → `needs_input`, a
 *   usage limit → `limited`, neither after working or asking → `done`;
 * - the program's exit → `exited`, until it runs again (`restarted`);
 * - the agent's own hooks (`hooked`) say it outright: working, done (and then output before the next keystroke is
 *   its screen settling, not work), or asking with what they know of the question.
 * Every input returns the change to report, or null: a state is reported once, and again only when it changes
 * (a different question is a change; the same question redrawn is not).
 */
import type { AgentState, PromptChoice } from '@vibecode/schemas';
import type { AgentHook } from './hook-events.ts';
import type { ScreenVerdict } from './screen-verdict.ts';

export const WORK_AFTER_INPUT_MS = 2000;

export interface StateReport {
  state: AgentState;
  detail?: string;
  prompt_fingerprint?: string;
  choices?: PromptChoice[];
  resets_at?: string;
  /** Stamped by `AttentionWatch` when it tells the report (schemas: session.state's seq). */
  seq?: number;
}

export class AgentStateMachine {
  private current: StateReport | null = null;
  private lastInputAt = Number.NEGATIVE_INFINITY;
  /** The agent's hook said its turn is over: only a keystroke starts work again. */
  private restingUntilInput = false;

  /** The last reported state, which a new hub link is told again. */
  get state(): StateReport | null {
    return this.current;
  }

  input(now: number): void {
    this.lastInputAt = now;
    this.restingUntilInput = false;
  }

  output(now: number): StateReport | null {
    const state = this.current?.state;
    if (state === 'working' || state === 'exited' || this.restingUntilInput) return null;
    if (now - this.lastInputAt < WORK_AFTER_INPUT_MS) return null;
    return this.report({ state: 'working' });
  }

  screen(verdict: ScreenVerdict): StateReport | null {
    if (this.current?.state === 'exited') return null;
    switch (verdict.kind) {
      case 'prompt':
        return this.report({
          state: 'needs_input',
          detail: verdict.detail,
          prompt_fingerprint: verdict.fingerprint,
          choices: verdict.choices,
        });
      case 'limit':
        return this.report({
          state: 'limited',
          detail: verdict.detail,
          ...(verdict.resetsAt ? { resets_at: verdict.resetsAt.toISOString() } : {}),
        });
      case 'none': {
        const state = this.current?.state;
        if (state === 'working' || state === 'needs_input' || state === 'limited')
          return this.report({ state: 'done' });
        return null;
      }
    }
  }

  /** What an agent's hook said, which outranks what the output and the screen suggest. */
  hooked(hook: AgentHook): StateReport | null {
    if (this.current?.state === 'exited') return null;
    switch (hook.kind) {
      case 'working':
        this.restingUntilInput = false;
        return this.report({ state: 'working' });
      case 'done':
        this.restingUntilInput = true;
        return this.report({ state: 'done', ...(hook.detail ? { detail: hook.detail } : {}) });
      case 'asking':
        return this.report({ state: 'needs_input', ...(hook.detail ? { detail: hook.detail } : {}) });
    }
  }

  exited(): StateReport | null {
    return this.report({ state: 'exited' });
  }

  /** The program runs again (session.restart): nothing is known of it yet. */
  restarted(): void {
    this.current = null;
    this.lastInputAt = Number.NEGATIVE_INFINITY;
    this.restingUntilInput = false;
  }

  private report(next: StateReport): StateReport | null {
    if (this.current && sameReport(this.current, next)) return null;
    this.current = next;
    return next;
  }
}

/**
 * A limit is the same while its message is: "try again in 2 hours" read a minute later names a later reset, but it
 * is the message already reported.
 */
function sameReport(a: StateReport, b: StateReport): boolean {
  if (a.state !== b.state) return false;
  if (a.state === 'limited') return a.detail === b.detail;
  return a.prompt_fingerprint === b.prompt_fingerprint && (a.detail === b.detail || b.detail === undefined);
}
