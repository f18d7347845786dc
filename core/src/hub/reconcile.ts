/**
 * Applies a `gateway.hello`'s session list to D1 and to the viewers: every session D1 holds as running or exited
 * that the gateway no longer runs is `stopped` (lost with its tmux server), and its subscribers are told so and
 * closed. The hub runs this before it
 * announces `gateway.online`, so no viewer re-attaches to a session that is gone.
 */
import { message, type SessionEnded } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { diffSessions } from './lost-sessions.ts';
import type { HubRecords } from './records.ts';

export interface ReconcileDeps {
  records: Pick<HubRecords, 'liveSessions' | 'sessionsLost'>;
  /** Delivers a lost session's `session.ended` to its subscribers (and any command waiting for it), closing them. */
  ended(msg: SessionEnded): void;
  log: Logger;
}

/**
 * Never throws: a D1 failure is logged and the gateway still comes online; its next hello reconciles again.
 * Reading first and ending only the numbers read leaves alone a session created after the read.
 */
export async function reconcileSessions(
  deps: ReconcileDeps,
  vpsId: string,
  reported: readonly number[],
): Promise<void> {
  try {
    const { lost, unknown } = diffSessions(await deps.records.liveSessions(vpsId), reported);
    if (unknown.length > 0) {
      deps.log.warn('gateway runs sessions that are not live in D1; left running', { sessions: unknown });
    }
    const stopped = await deps.records.sessionsLost(vpsId, lost);
    if (stopped.length > 0) deps.log.info('sessions stopped: the gateway no longer runs them', { sessions: stopped });
    // Rows stopped already (a power off through VibeCode stops them at once) may still have viewers from before.
    for (const number of lost) deps.ended(message('session.ended', { session_id: number, reason: 'lost' }));
  } catch (error) {
    deps.log.error('session reconciliation failed', { error: String(error) });
  }
}
