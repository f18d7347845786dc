/**
 * Usage-limit continuity (issue 17 item 4): a session whose agent is `limited` with a known reset, and whose person
 * opted in, is continued when the limit resets: a minute after `resets_at` the hub types the agent's continue (the
 * word and Enter, which Claude Code, Codex CLI and Gemini CLI all take at their prompt) — only if the session is still
 * limited then (the gateway reports every change, so an agent that moved on is left alone). The choice is one-shot.
 * Times live in DO storage and the hub's alarm runs them; a gateway offline at the time is retried every minute for
 * up to 6 hours.
 */
import { message, type SessionState } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import type { GatewayRpc } from './gateway-rpc.ts';
import { HubError } from './hub-error.ts';

/** Limits reset on the minute their message names; a little after, the agent takes work again. */
export const CONTINUE_GRACE_MS = 60_000;
const RETRY_MS = 60_000;
const GIVE_UP_MS = 6 * 3_600_000;
export const CONTINUE_INPUT = 'continue\r';

/** Where the times are kept: the hub's DO storage (`HubStorage`). */
export interface ContinueTimes {
  continueTimes(): Map<number, number>;
  putContinueTime(number: number, at: number | undefined): void;
}

/** What continuing reads and writes in D1 (`records.ts`). */
export interface ContinueRecords {
  continueRow(
    vpsId: string,
    number: number,
  ): Promise<{ agentState: SessionState['state'] | null; resetsAt: number | null; optedIn: boolean } | null>;
  continueTyped(vpsId: string, number: number): Promise<void>;
}

export interface ContinueDeps {
  stored: ContinueTimes;
  records: ContinueRecords;
  gateway: GatewayRpc;
  wake(at: number): Promise<void>;
  identity(): { vpsId: string };
  log(): Logger;
}

export class ContinueAtReset {
  constructor(private readonly deps: ContinueDeps) {}

  /** A state was recorded for session `number`: a limit with a reset is scheduled if its person opted in. */
  async stateRecorded(state: SessionState, optedIn: boolean): Promise<void> {
    const resetsAt = state.resets_at === undefined ? null : Date.parse(state.resets_at);
    await this.schedule(state.session_id, state.state === 'limited' && optedIn ? resetsAt : null);
  }

  /** The person switched the choice: the schedule follows the session's row as it is now. Returns when it runs. */
  async reconsider(number: number): Promise<number | null> {
    const row = await this.deps.records.continueRow(this.deps.identity().vpsId, number);
    const due = row?.optedIn && row.agentState === 'limited' ? row.resetsAt : null;
    return this.schedule(number, due);
  }

  /** From the alarm: continues what is due and returns when the next one is. */
  async run(now: number): Promise<number | null> {
    const { stored } = this.deps;
    let next: number | null = null;
    for (const [number, at] of stored.continueTimes()) {
      if (at > now) {
        next = Math.min(next ?? at, at);
        continue;
      }
      const retryAt = await this.continueOne(number, at, now);
      stored.putContinueTime(number, retryAt ?? undefined);
      if (retryAt !== null) next = Math.min(next ?? retryAt, retryAt);
    }
    return next;
  }

  private async schedule(number: number, resetsAt: number | null): Promise<number | null> {
    const at = resetsAt === null ? null : resetsAt + CONTINUE_GRACE_MS;
    this.deps.stored.putContinueTime(number, at ?? undefined);
    if (at !== null) await this.deps.wake(at);
    return at;
  }

  /** Types the continue when the session still waits at its limit; returns a retry time when the gateway is away. */
  private async continueOne(number: number, at: number, now: number): Promise<number | null> {
    const { vpsId } = this.deps.identity();
    const log = this.deps.log();
    const row = await this.deps.records.continueRow(vpsId, number);
    if (!row?.optedIn || row.agentState !== 'limited') return null;
    try {
      this.deps.gateway.send(message('session.input', { session_id: number, data: CONTINUE_INPUT }));
    } catch (error) {
      if (!(error instanceof HubError) || now - at > GIVE_UP_MS) {
        log.warn('continue at reset given up', { session_id: number, error: String(error) });
        return null;
      }
      return now + RETRY_MS;
    }
    await this.deps.records.continueTyped(vpsId, number);
    log.info('continued at reset', { session_id: number });
    return null;
  }
}
