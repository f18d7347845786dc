/**
 * The hub's one alarm: it closes subscribers without a heartbeat for the idle period, times provisioning out when no
 * `gateway.hello` came by its deadline (and notifies the owner), renders bound sessions to their channel surfaces
 * (`surface-viewer.ts`), continues sessions whose usage limit reset (`continue-at-reset.ts`), pushes new attention
 * items to the owner's browsers (`attention-pushes.ts`), then re-arms for
 * whichever is next. When the alarm
 * is set is remembered in memory once read (set through here, cleared when it fires), so a viewer joining a hub that
 * has one armed costs no storage operation; a woken hub reads it once.
 */
import { CloseCode } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { type Notifier, notification } from '../notify/notification.ts';
import { type SubscriberAttachment, subscriberLogFields } from './attachment.ts';
import { readAttachment } from './attachment-cache.ts';
import type { AttentionPushes } from './attention-pushes.ts';
import type { ContinueAtReset } from './continue-at-reset.ts';
import type { HubSockets } from './hub-sockets.ts';
import type { HubIdentity, HubStorage } from './hub-storage.ts';
import { planIdle } from './idle.ts';
import { SUBSCRIBER_IDLE_MS } from './limits.ts';
import { planAlarm } from './provisioning-alarm.ts';
import type { HubRecords } from './records.ts';
import { closeQuietly } from './sockets.ts';
import type { SurfaceViewer } from './surface-viewer.ts';

export interface HubAlarmDeps {
  ctx: DurableObjectState;
  sockets: Pick<HubSockets, 'subscribers'>;
  stored: Pick<HubStorage, 'provisioningDeadline'>;
  records: Pick<HubRecords, 'provisioningTimedOut'>;
  surfaces: Pick<SurfaceViewer, 'run'>;
  continues: Pick<ContinueAtReset, 'run'>;
  pushes: Pick<AttentionPushes, 'run'>;
  notifier(): Notifier;
  identity(): HubIdentity;
  log(): Logger;
}

export class HubAlarm {
  /** When the alarm is set (null: not set), once read; undefined until then. */
  private armedAt: number | null | undefined;
  private reading: Promise<void> | null = null;

  constructor(private readonly deps: HubAlarmDeps) {}

  /** A subscriber joined: the idle check must be armed. */
  async watchIdle(now: number): Promise<void> {
    await this.read();
    // Joins that waited for the same read: the first one arms it, synchronously, and the rest see that.
    if (this.armedAt !== null) return;
    await this.set(now + SUBSCRIBER_IDLE_MS);
  }

  /** A droplet was created for this hub's gateway: no `gateway.hello` by `deadline` → `provisioning_timeout`. */
  async watchProvisioning(deadline: number): Promise<void> {
    this.deps.stored.provisioningDeadline = deadline;
    await this.read();
    const armed = this.armedAt ?? null;
    if (armed === null || armed > deadline) await this.set(deadline);
  }

  /** Something is due by `at` (a surface render, a quiet notice): the alarm runs no later. */
  async wakeBy(at: number): Promise<void> {
    await this.read();
    const armed = this.armedAt ?? null;
    if (armed === null || armed > at) await this.set(at);
  }

  async run(now: number): Promise<void> {
    this.armedAt = null;
    const { ctx, sockets, stored } = this.deps;
    const subscribers = new Map<string, { ws: WebSocket; att: SubscriberAttachment }>();
    const views = [];
    for (const ws of sockets.subscribers()) {
      const att = readAttachment(ws);
      if (att?.role !== 'subscriber') continue;
      subscribers.set(att.subId, { ws, att });
      const lastPingAt = ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? null;
      views.push({ id: att.subId, lastActiveAt: att.lastActiveAt, lastPingAt });
    }
    const plan = planIdle(views, now, SUBSCRIBER_IDLE_MS);
    for (const id of plan.close) {
      const subscriber = subscribers.get(id);
      if (!subscriber) continue;
      this.deps.log().info('closing idle subscriber', subscriberLogFields(subscriber.att));
      closeQuietly(subscriber.ws, CloseCode.Idle, 'idle: no heartbeat for 10 minutes');
    }
    const next = planAlarm(plan.nextCheckAt, stored.provisioningDeadline ?? null, now);
    if (next.provisioningTimedOut) {
      stored.provisioningDeadline = undefined;
      await this.provisioningTimedOut(now);
    }
    const surfacesNext = await this.runSurfaces(now);
    const continuesNext = await this.runContinues(now);
    const pushesNext = await this.runPushes(now);
    const due = [next.nextAlarmAt, surfacesNext, continuesNext, pushesNext].filter((at): at is number => at !== null);
    if (due.length === 0) return;
    const soonest = Math.min(...due);
    // A wake asked for while this ran (a viewer's opening clears a told item) was armed then: a later time would undo it.
    if (this.armedAt === null || this.armedAt > soonest) await this.set(soonest);
  }

  /** A channel failing must not stop the idle and provisioning checks, nor retry the alarm for them. */
  private async runSurfaces(now: number): Promise<number | null> {
    try {
      return await this.deps.surfaces.run(now);
    } catch (error) {
      this.deps.log().error('rendering to surfaces failed', { error: String(error) });
      return null;
    }
  }

  /** Likewise a D1 hiccup while continuing at a reset: logged, and the times stay for the next alarm. */
  private async runContinues(now: number): Promise<number | null> {
    try {
      return await this.deps.continues.run(now);
    } catch (error) {
      this.deps.log().error('continuing at reset failed', { error: String(error) });
      return null;
    }
  }

  /** A push service or D1 failing costs that push only (its items stay on the web's list), never the alarm. */
  private async runPushes(now: number): Promise<number | null> {
    try {
      return await this.deps.pushes.run(now);
    } catch (error) {
      this.deps.log().error('pushing attention failed', { error: String(error) });
      return null;
    }
  }

  private async provisioningTimedOut(now: number): Promise<void> {
    const { vpsId } = this.deps.identity();
    const timedOut = await this.deps.records.provisioningTimedOut(vpsId, now);
    if (timedOut === null) return;
    this.deps.log().warn('provisioning timed out: no gateway.hello', { user_id: timedOut.userId });
    try {
      await this.deps
        .notifier()
        .notify(
          notification('vps.provisioning_timeout', { userId: timedOut.userId, vpsId, vpsName: timedOut.name }, now),
        );
    } catch (error) {
      // The status already says timed out (the page shows Retry); a notifier that cannot even be built is logged.
      this.deps.log().error('provisioning timeout notification failed', { error: String(error) });
    }
  }

  private async read(): Promise<void> {
    if (this.armedAt !== undefined) return;
    this.reading ??= this.deps.ctx.storage.getAlarm().then(
      (at) => {
        this.armedAt ??= at;
      },
      (error: unknown) => {
        this.reading = null;
        throw error;
      },
    );
    await this.reading;
  }

  private async set(at: number): Promise<void> {
    this.armedAt = at;
    await this.deps.ctx.storage.setAlarm(at);
  }
}
