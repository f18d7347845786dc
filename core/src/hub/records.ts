/**
 * What the hub writes to D1: gateway connected/last_seen/version, VPS readiness, latest health, session
 * status and activity. Each function is one small statement (or batch) so a hub event costs one round trip.
 */
import type { GatewayHealth, SessionEnded, SessionExited, SessionState } from '@vibecode/schemas';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { gateways, sessions, vps } from '../db/schema.ts';
import type { SessionSummary } from '../sessions/surfaces.ts';
import type { LiveSession } from './lost-sessions.ts';

/** Statuses of a session whose tmux session the gateway holds (or is creating). */
const ON_GATEWAY = ['starting', 'running', 'exited'] as const;
/** A session that runs (again) or is stopped has no exit to show. */
const noExit = { exitCode: null, exitSignal: null, exitLines: null, exitedAt: null };

export function hubRecords(d1: D1Database) {
  const db = drizzle(d1);
  return {
    /**
     * `gateway.hello`: connected, version, last_seen; a provisioning, offline or powering-on VPS becomes ready, and so
     * does one recorded as powered off or timed out powering on: a hello proves the droplet is on (powered on
     * outside VibeCode, or late).
     */
    async gatewayOnline(gatewayId: string, vpsId: string, version: string, now: number): Promise<void> {
      const upStatuses = ['provisioning', 'offline', 'powering_on', 'powered_off', 'power_on_timeout'] as const;
      await db.batch([
        db.update(gateways).set({ connected: true, version, lastSeenAt: now }).where(eq(gateways.id, gatewayId)),
        db
          .update(vps)
          .set({ status: 'ready', updatedAt: now })
          .where(and(eq(vps.id, vpsId), inArray(vps.status, [...upStatuses]))),
      ]);
    },

    /** The gateway's socket is gone: not connected; a ready VPS is now offline. */
    async gatewayOffline(gatewayId: string, vpsId: string, now: number): Promise<void> {
      await db.batch([
        db.update(gateways).set({ connected: false, lastSeenAt: now }).where(eq(gateways.id, gatewayId)),
        db
          .update(vps)
          .set({ status: 'offline', updatedAt: now })
          .where(and(eq(vps.id, vpsId), eq(vps.status, 'ready'))),
      ]);
    },

    /** No hello by the deadline: a still-provisioning VPS times out; its owner and name, or null if it moved on. */
    async provisioningTimedOut(vpsId: string, now: number): Promise<{ userId: string; name: string } | null> {
      const [row] = await db
        .update(vps)
        .set({ status: 'provisioning_timeout', updatedAt: now })
        .where(and(eq(vps.id, vpsId), eq(vps.status, 'provisioning')))
        .returning({ userId: vps.userId, name: vps.name });
      return row ?? null;
    },

    async gatewaySeen(gatewayId: string, now: number): Promise<void> {
      await db.update(gateways).set({ lastSeenAt: now }).where(eq(gateways.id, gatewayId));
    },

    async health(gatewayId: string, health: GatewayHealth, now: number): Promise<void> {
      const lastActivityAt = health.last_activity_at === null ? null : Date.parse(health.last_activity_at);
      await db
        .update(gateways)
        .set({ healthJson: JSON.stringify(health), healthAt: now, lastSeenAt: now, lastActivityAt })
        .where(eq(gateways.id, gatewayId));
    },

    /** `session.started`: a new session runs, or an exited one runs again (its exit is forgotten). */
    async sessionStarted(vpsId: string, number: number): Promise<void> {
      await db
        .update(sessions)
        .set({ status: 'running', ...noExit })
        .where(
          and(eq(sessions.vpsId, vpsId), eq(sessions.number, number), inArray(sessions.status, ['starting', 'exited'])),
        );
    },

    /**
     * `session.exited`: its program ended; the row keeps how, for the list and for viewers who come later. The
     * gateway says it again to every viewer that attaches: a row that is exited already keeps its first report.
     */
    async sessionExited(vpsId: string, exit: SessionExited, now: number): Promise<void> {
      await db
        .update(sessions)
        .set({ status: 'exited', exitCode: exit.code, exitSignal: exit.signal, exitLines: exit.lines, exitedAt: now })
        .where(
          and(
            eq(sessions.vpsId, vpsId),
            eq(sessions.number, exit.session_id),
            inArray(sessions.status, ['starting', 'running']),
          ),
        );
    },

    /** `session.ended`: ended, or `stopped` when it was lost with its tmux server (the row stays, restartable). */
    async sessionEnded(vpsId: string, number: number, reason: SessionEnded['reason'], now: number): Promise<void> {
      await db
        .update(sessions)
        .set(reason === 'lost' ? { status: 'stopped', ...noExit } : { status: 'ended', endedAt: now })
        .where(and(eq(sessions.vpsId, vpsId), eq(sessions.number, number), inArray(sessions.status, [...ON_GATEWAY])));
    },

    /**
     * `session.state`: the agent's state, question or limit, and since when. A person watching it as it happens
     * (`watched`) has seen it, and `done` after less than `briefMs` of work (a quick command in a shell) or right
     * after a question or a limit is not worth their attention: such an item starts cleared (`seen`). A state whose
     * `seq` is not above the row's came late (the hub takes close messages in either order): not recorded, null.
     */
    async sessionState(
      vpsId: string,
      state: SessionState,
      watched: boolean,
      now: number,
      briefMs: number,
    ): Promise<{ continueAtReset: boolean; seen: boolean } | null> {
      // SQLite reads the row's old values on the right of SET: the work is the old `working` state's age. An end
      // that follows a question or a limit follows the person's own answer (or the prompt went away): nothing new.
      const brief = sql`case when ${state.state} = 'done' and (${sessions.agentState} in ('needs_input', 'limited') or (${sessions.agentState} = 'working' and ${sessions.agentStateAt} > ${now - briefMs})) then ${now} else null end`;
      const [row] = await db
        .update(sessions)
        .set({
          agentState: state.state,
          agentDetail: state.detail ?? null,
          agentChoices: state.choices ?? null,
          agentFingerprint: state.prompt_fingerprint ?? null,
          agentResetsAt: state.resets_at === undefined ? null : Date.parse(state.resets_at),
          agentStateAt: now,
          agentStateSeq: state.seq ?? null,
          attentionClearedAt: watched ? now : brief,
        })
        .where(
          and(
            eq(sessions.vpsId, vpsId),
            eq(sessions.number, state.session_id),
            state.seq === undefined
              ? undefined
              : or(isNull(sessions.agentStateSeq), lt(sessions.agentStateSeq, state.seq)),
          ),
        )
        .returning({ continueAtReset: sessions.continueAtReset, clearedAt: sessions.attentionClearedAt });
      return row ? { continueAtReset: row.continueAtReset, seen: row.clearedAt !== null } : null;
    },

    /** What continuing a session at its limit's reset depends on: its state, the reset, and the person's choice. */
    async continueRow(
      vpsId: string,
      number: number,
    ): Promise<{ agentState: SessionState['state'] | null; resetsAt: number | null; optedIn: boolean } | null> {
      const [row] = await db
        .select({
          agentState: sessions.agentState,
          resetsAt: sessions.agentResetsAt,
          optedIn: sessions.continueAtReset,
          status: sessions.status,
        })
        .from(sessions)
        .where(and(eq(sessions.vpsId, vpsId), eq(sessions.number, number)));
      if (row?.status !== 'running') return null;
      return { agentState: row.agentState, resetsAt: row.resetsAt, optedIn: row.optedIn };
    },

    /** The continue was typed: the choice was for this limit only. */
    async continueTyped(vpsId: string, number: number): Promise<void> {
      await db
        .update(sessions)
        .set({ continueAtReset: false })
        .where(and(eq(sessions.vpsId, vpsId), eq(sessions.number, number)));
    },

    /** A person opened the session: whatever its agent wanted, they see it now. */
    async attentionSeen(vpsId: string, number: number, now: number): Promise<void> {
      await db
        .update(sessions)
        .set({ attentionClearedAt: now })
        .where(and(eq(sessions.vpsId, vpsId), eq(sessions.number, number)));
    },

    /** The sessions D1 holds as open on this VPS: what a hello's session list is compared with. */
    async liveSessions(vpsId: string): Promise<LiveSession[]> {
      return db
        .select({ number: sessions.number, status: sessions.status })
        .from(sessions)
        .where(and(eq(sessions.vpsId, vpsId), inArray(sessions.status, [...ON_GATEWAY, 'stopped'])));
    },

    /**
     * Stops the sessions a hello proved gone (a power cycle, a reboot), in one statement: they stay listed as
     * `stopped`, restartable, never silently gone. A row that left `running`/`exited` meanwhile (the gateway's own
     * session.ended, an end route) is left as it is. Returns the numbers this statement stopped.
     */
    async sessionsLost(vpsId: string, numbers: readonly number[]): Promise<number[]> {
      if (numbers.length === 0) return [];
      const rows = await db
        .update(sessions)
        .set({ status: 'stopped', ...noExit })
        .where(
          and(
            eq(sessions.vpsId, vpsId),
            inArray(sessions.status, ['running', 'exited']),
            inArray(sessions.number, [...numbers]),
          ),
        )
        .returning({ number: sessions.number });
      return rows.map((row) => row.number);
    },

    /** The session as a channel names it (its server's name and its title), or null if the row is gone. */
    async sessionSummary(vpsId: string, number: number): Promise<SessionSummary | null> {
      const [row] = await db
        .select({
          userId: sessions.userId,
          vpsId: sessions.vpsId,
          vpsName: vps.name,
          sessionId: sessions.id,
          sessionNumber: sessions.number,
          title: sessions.title,
          agentType: sessions.agentType,
        })
        .from(sessions)
        .innerJoin(vps, eq(vps.id, sessions.vpsId))
        .where(and(eq(sessions.vpsId, vpsId), eq(sessions.number, number)));
      return row ?? null;
    },

    async sessionActivity(vpsId: string, number: number, now: number): Promise<void> {
      await db
        .update(sessions)
        .set({ lastActivityAt: now })
        .where(and(eq(sessions.vpsId, vpsId), eq(sessions.number, number)));
    },
  };
}

export type HubRecords = ReturnType<typeof hubRecords>;
