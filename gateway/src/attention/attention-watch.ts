/**
 * One session's attention: feeds its output, input and exit into the agent state machine, reads the screen once
 * output has been quiet for `QUIET_MS` (one `capture-pane` per quiet spell, however long the output ran), reports
 * each change through `send`, and answers prompts only while the screen still shows them.
 */
import type { Logger } from '@vibecode/schemas/log';
import { GatewayError } from '../errors.ts';
import { AgentStateMachine, type StateReport } from './agent-state.ts';
import type { AgentHook } from './hook-events.ts';
import { readScreen } from './screen-verdict.ts';

/** Output quiet this long means the screen has settled enough to read. */
export const QUIET_MS = 1200;

export interface AttentionClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AttentionDeps {
  /** The visible screen as plain text. */
  capture(): Promise<string>;
  /** Reports a change; the caller drops it while no hub is linked (the state is told again at the next link). */
  send(report: StateReport): void;
  /** Types keys into the session. */
  type(keys: string): void;
  clock: AttentionClock;
  /** The zone a limit's wall-clock reset time is in when it names none: the machine's. */
  localZone: string;
  log: Logger;
}

export interface Answer {
  prompt_fingerprint: string;
  choice?: string | undefined;
  text?: string | undefined;
}

export const systemClock: AttentionClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class AttentionWatch {
  private readonly machine = new AgentStateMachine();
  private timer: unknown;
  private lastOutputAt = Number.NEGATIVE_INFINITY;
  private disposed = false;

  /** The seq of the last state told: the machine's state is that report. */
  private lastSeq = 0;

  constructor(private readonly deps: AttentionDeps) {}

  /** The last state told, with its seq; null until one was, and again after a restart. */
  get state(): StateReport | null {
    const current = this.machine.state;
    return current === null ? null : { ...current, seq: this.lastSeq };
  }

  /** On every chunk the PTY gives: kept to a comparison and at most one timer, for the echo's sake. */
  output(): void {
    const now = this.deps.clock.now();
    this.lastOutputAt = now;
    this.tell(this.machine.output(now));
    if (this.timer === undefined) this.arm(QUIET_MS);
  }

  input(): void {
    this.machine.input(this.deps.clock.now());
  }

  /**
   * A hook of the agent's own. One that says it asks reads the screen at once for the question and its choices, so
   * a one-tap answer has its fingerprint; when the screen shows no menu, the hook's words are the question.
   */
  hook(hook: AgentHook): void {
    if (hook.kind !== 'asking') {
      this.tell(this.machine.hooked(hook));
      return;
    }
    void this.deps
      .capture()
      .then((text) => readScreen(text, new Date(this.deps.clock.now()), this.deps.localZone))
      .then(
        (verdict) => this.tell(verdict.kind === 'prompt' ? this.machine.screen(verdict) : this.machine.hooked(hook)),
        () => this.tell(this.machine.hooked(hook)),
      );
  }

  exited(): void {
    this.cancel();
    this.tell(this.machine.exited());
  }

  /** The program runs again: its first screen answers the restart, like its first start's. */
  restarted(): void {
    this.machine.restarted();
    this.input();
  }

  /**
   * Types the answer when the screen still shows the prompt it was made for; otherwise throws
   * `session.prompt_changed` (nothing typed) or `session.answer_invalid` (not exactly one of choice and text, or a
   * choice the prompt does not offer).
   */
  async answer(answer: Answer): Promise<void> {
    if ((answer.choice === undefined) === (answer.text === undefined)) {
      throw new GatewayError('session.answer_invalid', 'an answer is either a choice or a text, exactly one of them');
    }
    const verdict = readScreen(await this.deps.capture(), new Date(this.deps.clock.now()), this.deps.localZone);
    if (verdict.kind !== 'prompt' || verdict.fingerprint !== answer.prompt_fingerprint) {
      // The screen moved on: say what it shows now, so the person sees why their answer was not typed.
      this.tell(this.machine.screen(verdict));
      throw new GatewayError('session.prompt_changed', 'the screen no longer shows that prompt; nothing was typed');
    }
    let keys: string;
    if (answer.choice !== undefined) {
      const typed = verdict.keystrokes[answer.choice];
      if (typed === undefined) {
        throw new GatewayError('session.answer_invalid', `the prompt offers no choice ${answer.choice}`);
      }
      keys = typed;
    } else {
      keys = `${answer.text}\r`;
    }
    this.input();
    this.deps.type(keys);
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  /** Fires when output may have been quiet for QUIET_MS; output since then pushes the reading back. */
  private arm(ms: number): void {
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      const quietFor = this.deps.clock.now() - this.lastOutputAt;
      if (quietFor < QUIET_MS) this.arm(QUIET_MS - quietFor);
      else void this.evaluate();
    }, ms);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async evaluate(): Promise<void> {
    const before = this.lastOutputAt;
    let text: string;
    try {
      text = await this.deps.capture();
    } catch (e) {
      this.deps.log.warn('screen read for agent state failed', { error: (e as Error).message });
      return;
    }
    // Output that came while the screen was read starts a new quiet spell: this read may be stale already.
    if (this.disposed || this.lastOutputAt !== before) return;
    this.tell(this.machine.screen(readScreen(text, new Date(this.deps.clock.now()), this.deps.localZone)));
  }

  /** Each report once, stamped with its `seq` (schemas: session.state), which a new link hears again unchanged. */
  private tell(report: StateReport | null): void {
    if (report === null || this.disposed) return;
    this.lastSeq = Math.max(this.deps.clock.now(), this.lastSeq + 1);
    // A few a minute at most (one per quiet spell): what the agent was seen doing, for whoever reads why a bar showed.
    this.deps.log.info('agent state', {
      state: report.state,
      prompt_fingerprint: report.prompt_fingerprint,
      seq: this.lastSeq,
    });
    this.deps.send({ ...report, seq: this.lastSeq });
  }
}
