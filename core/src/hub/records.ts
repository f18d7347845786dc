/**
 * What the hub writes to D1: gateway connected/last_seen/version, VPS readiness, latest health, session
 * status and activity. Each function is one small statement (or batch) so a hub event costs one round trip.
 */
import type { GatewayHealth } from '@vibecode/schemas';
import { and, eq, inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { gateways, sessions, vps } from '../db/schema.ts';
import type { LiveSession } from './lost-sessions.ts';

export function hubRecords(d1: D1Database) {
  const db = drizzle(d1);
  return {
    /** `gateway.hello`: connected, version, last_seen; a provisioning, offline or powering-on VPS becomes ready. */
    async gatewayOnline(gatewayId: string, vpsId: string, version: string, now: number): Promise<void> {
      await db.batch([
        db.update(gateways).set({ connected: true, version, lastSeenAt: now }).where(eq(gateways.id, gatewayId)),
        db
          .update(vps)
          .set({ status: 'ready', updatedAt: now })
          .where(and(eq(vps.id, vpsId), inArray(vps.status, ['provisioning', 'offline', 'powering_on']))),
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

    async sessionStarted(vpsId: string, number: number): Promise<void> {
      await db
        .update(sessions)
        .set({ status: 'running' })
        .where(and(eq(sessions.vpsId, vpsId), eq(sessions.number, number), eq(sessions.status, 'starting')));
    },

    async sessionEnded(vpsId: string, number: number, now: number): Promise<void> {
      await db
        .update(sessions)
        .set({ status: 'ended', endedAt: now })
        .where(
          and(
            eq(sessions.vpsId, vpsId),
            eq(sessions.number, number),
            inArray(sessions.status, ['starting', 'running']),
          ),
        );
    },

    /** The sessions D1 holds as live on this VPS: what a hello's session list is compared with. */
    async liveSessions(vpsId: string): Promise<LiveSession[]> {
      return db
        .select({ number: sessions.number, status: sessions.status })
        .from(sessions)
        .where(and(eq(sessions.vpsId, vpsId), inArray(sessions.status, ['starting', 'running'])));
    },

    /**
     * Ends the sessions a hello proved gone, in one statement; a row that left `running` meanwhile (the gateway's
     * own session.ended, an end route) is left as it is. Returns the numbers this statement ended.
     */
    async sessionsLost(vpsId: string, numbers: readonly number[], now: number): Promise<number[]> {
      if (numbers.length === 0) return [];
      const rows = await db
        .update(sessions)
        .set({ status: 'ended', endedAt: now })
        .where(and(eq(sessions.vpsId, vpsId), eq(sessions.status, 'running'), inArray(sessions.number, [...numbers])))
        .returning({ number: sessions.number });
      return rows.map((row) => row.number);
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
