/**
 * The hub's side of the gateway's release, over its DO storage: the update it asked for and how it goes, and the
 * last hello refused for its protocol version. The DO calls it from its RPC methods and message handlers; the
 * rules are in `gateway-update.ts` and `schema-support.ts`.
 */
import { type GatewayUpdate, message, type ProtocolMessage } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { UPDATE_REF_PREFIX } from './attachment.ts';
import type { GatewayRpc } from './gateway-rpc.ts';
import {
  currentUpdate,
  isUpdateInProgress,
  settleOnHello,
  type UpdateRecord,
  updateRequested,
  withUpdateMessage,
} from './gateway-update.ts';
import { HubError } from './hub-error.ts';
import type { HubStorage } from './hub-storage.ts';
import type { SchemaErrorRecord } from './schema-support.ts';

/** What the server page shows about the gateway's release, as the hub knows it. */
export interface HubUpdateState {
  update: UpdateRecord | null;
  schemaError: SchemaErrorRecord | null;
}

/** A release to install, as `gateway.update` names it. */
export type UpdateCommand = Pick<GatewayUpdate, 'version' | 'url' | 'sha256' | 'signature'>;

export class UpdateTracker {
  constructor(
    private readonly stored: HubStorage,
    private readonly gateway: GatewayRpc,
    private readonly log: () => Logger,
  ) {}

  /** The update as it stands at `now` (a silent one has timed out) and the last refused hello, if any. */
  state(now: number): HubUpdateState {
    return { update: currentUpdate(this.stored.update ?? null, now), schemaError: this.stored.schemaError ?? null };
  }

  /**
   * Sends `gateway.update` unless one is in progress (HubError `gateway.update_in_progress`; `gateway.offline`
   * when there is no live gateway). Check and send do not yield, so two requests cannot both start an update.
   */
  request(release: UpdateCommand, now: number): UpdateRecord {
    const running = currentUpdate(this.stored.update ?? null, now);
    if (running !== null && isUpdateInProgress(running, now)) {
      throw new HubError('gateway.update_in_progress', `an update to ${running.version} is in progress`);
    }
    const ref = `${UPDATE_REF_PREFIX}${crypto.randomUUID()}`;
    this.gateway.send(message('gateway.update', { ...release, ref }));
    const record = updateRequested(release.version, ref, now);
    this.note(record, running);
    return record;
  }

  /** A `gateway.update.status`, or an error about the hub's `gateway.update`. */
  onMessage(msg: ProtocolMessage, now: number): void {
    const before = this.stored.update ?? null;
    this.note(withUpdateMessage(before, msg, now), before);
  }

  /** An accepted hello: it settles an update in progress, and the gateway speaks this protocol again. */
  onHello(version: string, now: number): void {
    this.stored.schemaError = undefined;
    const before = this.stored.update ?? null;
    const after = settleOnHello(before, version, now);
    if (after !== before) this.note(after, before);
  }

  /** A hello refused for its protocol version, kept until a hello is accepted. */
  onRefused(refused: SchemaErrorRecord): void {
    this.stored.schemaError = refused;
  }

  /** Stores the record; a change of stage is logged (download progress is not). */
  private note(after: UpdateRecord | null, before: UpdateRecord | null): void {
    this.stored.update = after ?? undefined;
    if (after !== null && (after.stage !== before?.stage || after.version !== before.version)) {
      this.log().info('gateway update', { version: after.version, stage: after.stage, error: after.error?.code });
    }
  }
}
