/**
 * What a GatewayHub keeps in its Durable Object storage, by name and type: everything a hub woken from hibernation
 * needs beyond its sockets' attachments. `ctx.storage.kv` is synchronous (SQLite-backed), so reads and writes here
 * never yield; setting a value to undefined deletes it.
 */
import type { UpdateRecord } from './gateway-update.ts';
import type { HealthSample } from './health-history.ts';
import { HubError } from './hub-error.ts';
import type { SchemaErrorRecord } from './schema-support.ts';
import type { SurfaceEntry } from './surface-plan.ts';

/** The gateway and VPS this hub serves, as the Worker named them when it first connected a socket or an RPC. */
export interface HubIdentity {
  gatewayId: string;
  vpsId: string;
}

const SURFACE_PREFIX = 'surface:';
const CONTINUE_PREFIX = 'continue:';

const Key = {
  identity: 'identity',
  currentConn: 'current_conn',
  offlineSince: 'offline_since',
  provisioningDeadline: 'provisioning_deadline',
  healthHistory: 'health_history',
  update: 'update',
  schemaError: 'schema_error',
  lastViewerAt: 'last_viewer_at',
  pushDueAt: 'push_due_at',
  signedOut: 'signed_out_web_sessions',
} as const;

/** A web session signed out, and until when (ms) the hub refuses new viewers it opens (`hub-viewers.ts`). */
export interface SignedOutWebSession {
  id: string;
  until: number;
}

export class HubStorage {
  constructor(private readonly kv: SyncKvStorage) {}

  get identity(): HubIdentity | undefined {
    return this.kv.get<HubIdentity>(Key.identity);
  }

  /** The identity, for work that cannot be done without it: a hub is always named by the connection that woke it. */
  requireIdentity(): HubIdentity {
    const identity = this.identity;
    if (identity === undefined) throw new HubError('internal', 'hub used before any connection named it');
    return identity;
  }

  /** Stores the identity; a write only when it changed, since every connect names it. */
  remember(identity: HubIdentity): void {
    const known = this.identity;
    if (known?.gatewayId === identity.gatewayId && known.vpsId === identity.vpsId) return;
    this.kv.put(Key.identity, { gatewayId: identity.gatewayId, vpsId: identity.vpsId } satisfies HubIdentity);
  }

  /** The connection id of the gateway socket that counts; an older one is closed when it speaks. */
  get currentConn(): string | undefined {
    return this.kv.get<string>(Key.currentConn);
  }

  set currentConn(connId: string | undefined) {
    this.set(Key.currentConn, connId);
  }

  /** Since when the gateway is offline (ISO 8601), while it is. */
  get offlineSince(): string | undefined {
    return this.kv.get<string>(Key.offlineSince);
  }

  set offlineSince(since: string | undefined) {
    this.set(Key.offlineSince, since);
  }

  /** While provisioning: the time (ms) by which the gateway's first hello must come. */
  get provisioningDeadline(): number | undefined {
    return this.kv.get<number>(Key.provisioningDeadline);
  }

  set provisioningDeadline(deadline: number | undefined) {
    this.set(Key.provisioningDeadline, deadline);
  }

  /** The gateway's recent health samples, oldest first (bounded by `appendHealth`). */
  get healthHistory(): HealthSample[] {
    return this.kv.get<HealthSample[]>(Key.healthHistory) ?? [];
  }

  set healthHistory(samples: HealthSample[]) {
    this.kv.put(Key.healthHistory, samples);
  }

  /** The gateway's update in progress, or how its last one ended (`gateway-update.ts`). */
  get update(): UpdateRecord | undefined {
    return this.kv.get<UpdateRecord>(Key.update);
  }

  set update(record: UpdateRecord | undefined) {
    this.set(Key.update, record);
  }

  /** The last hello refused for its protocol version, until a hello is accepted. */
  get schemaError(): SchemaErrorRecord | undefined {
    return this.kv.get<SchemaErrorRecord>(Key.schemaError);
  }

  set schemaError(record: SchemaErrorRecord | undefined) {
    this.set(Key.schemaError, record);
  }

  /** When the last terminal viewer left (ms): how long the server has gone unwatched (`viewer-presence.ts`). */
  get lastViewerAt(): number | undefined {
    return this.kv.get<number>(Key.lastViewerAt);
  }

  set lastViewerAt(at: number | undefined) {
    this.set(Key.lastViewerAt, at);
  }

  /** When the owner's new attention items are pushed to their browsers (`attention-pushes.ts`), while one is due. */
  get pushDueAt(): number | undefined {
    return this.kv.get<number>(Key.pushDueAt);
  }

  set pushDueAt(at: number | undefined) {
    this.set(Key.pushDueAt, at);
  }

  get signedOutWebSessions(): SignedOutWebSession[] {
    return this.kv.get<SignedOutWebSession[]>(Key.signedOut) ?? [];
  }

  set signedOutWebSessions(list: SignedOutWebSession[]) {
    this.set(Key.signedOut, list.length === 0 ? undefined : list);
  }

  /** The sessions offered to the channels' surfaces, by number (`surface-viewer.ts`). */
  surfaceEntries(): Map<number, SurfaceEntry> {
    const entries = new Map<number, SurfaceEntry>();
    for (const [key, entry] of this.kv.list<SurfaceEntry>({ prefix: SURFACE_PREFIX })) {
      entries.set(Number(key.slice(SURFACE_PREFIX.length)), entry);
    }
    return entries;
  }

  putSurfaceEntry(number: number, entry: SurfaceEntry | undefined): void {
    this.set(`${SURFACE_PREFIX}${number}`, entry);
  }

  /** When each session whose person opted in is continued after its usage limit resets (`continue-at-reset.ts`). */
  continueTimes(): Map<number, number> {
    const times = new Map<number, number>();
    for (const [key, at] of this.kv.list<number>({ prefix: CONTINUE_PREFIX })) {
      times.set(Number(key.slice(CONTINUE_PREFIX.length)), at);
    }
    return times;
  }

  putContinueTime(number: number, at: number | undefined): void {
    this.set(`${CONTINUE_PREFIX}${number}`, at);
  }

  private set<T>(key: string, value: T | undefined): void {
    if (value === undefined) this.kv.delete(key);
    else this.kv.put(key, value);
  }
}
