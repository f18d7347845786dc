/**
 * The gateway's self-update as the hub tracks it: one record per gateway (DO storage), built from what the hub
 * asked for (`gateway.update`), what the gateway reports (`gateway.update.status`, or an `error` about that
 * command), and the version the next `gateway.hello` names. Pure: the clock is a parameter.
 *
 * Stages: requested → downloading → verifying → installing → restarting (the gateway's own) → updated (a hello
 * names the new version), or failed / rolled_back. A hello naming another version after `restarting` means the new
 * release did not take: the record says rolled_back at once, and the gateway's own `rolled_back` (sent by the
 * previous release after its watchdog) then only adds its reason.
 */
import type {
  ErrorDetail,
  GatewayUpdateStage,
  GatewayUpdateState,
  GatewayUpdateStatus,
  ProtocolMessage,
} from '@vibecode/schemas';

export interface UpdateRecord {
  /** The release being installed (for rolled_back: the one that did not take). */
  version: string;
  stage: GatewayUpdateStage;
  received: number | null;
  total: number | null;
  error: ErrorDetail | null;
  /** The ref of the `gateway.update` this hub sent; null for an update started on the server itself. */
  ref: string | null;
  requestedAt: number | null;
  /** When this stage was reported (or inferred). */
  at: number;
}

/**
 * An update that has reported nothing for this long is over: downloads report progress as they go and the
 * gateway's watchdog rolls a silent release back within 60 s, so only a gateway that lost the command (an older
 * release that does not know it, or a restart mid-download) stays silent this long.
 */
export const UPDATE_STALE_MS = 5 * 60_000;

const inProgressStages: ReadonlySet<GatewayUpdateStage> = new Set([
  'requested',
  'downloading',
  'verifying',
  'installing',
  'restarting',
]);

/** The record as it stands at `now`: an in-progress one silent for UPDATE_STALE_MS has failed. */
export function currentUpdate(record: UpdateRecord | null, now: number): UpdateRecord | null {
  if (record === null || !inProgressStages.has(record.stage) || now - record.at < UPDATE_STALE_MS) return record;
  return {
    ...record,
    stage: 'failed',
    error: {
      code: 'update.timed_out',
      message: `the gateway reported nothing for ${UPDATE_STALE_MS / 60_000} minutes`,
    },
    at: record.at + UPDATE_STALE_MS,
  };
}

export function isUpdateInProgress(record: UpdateRecord | null, now: number): boolean {
  const current = currentUpdate(record, now);
  return current !== null && inProgressStages.has(current.stage);
}

/** The hub just sent `gateway.update {version, ref}`. */
export function updateRequested(version: string, ref: string, now: number): UpdateRecord {
  return { version, stage: 'requested', received: null, total: null, error: null, ref, requestedAt: now, at: now };
}

/** The record after a gateway message about an update: its status, or an `error` echoing the command's ref. */
export function withUpdateMessage(record: UpdateRecord | null, msg: ProtocolMessage, now: number): UpdateRecord | null {
  if (msg.type === 'gateway.update.status') return withStatus(record, msg, now);
  if (msg.type === 'error' && record !== null && msg.ref !== undefined && msg.ref === record.ref) {
    return { ...record, stage: 'failed', error: { code: msg.code, message: msg.message }, at: now };
  }
  return record;
}

function withStatus(record: UpdateRecord | null, status: GatewayUpdateStatus, now: number): UpdateRecord {
  // Same release: still the attempt this hub asked for (if it did). Another one was started elsewhere.
  const same = record !== null && record.version === status.version;
  return {
    version: status.version,
    stage: status.stage,
    received: status.received ?? null,
    total: status.total ?? null,
    // The gateway's rolled_back after the hub inferred it: keep the inferred reason if the gateway gives none.
    error: status.error ?? (same && record.stage === status.stage ? record.error : null),
    ref: same ? record.ref : null,
    requestedAt: same ? record.requestedAt : null,
    at: now,
  };
}

/** A hello settles an update in progress: the new version says it took; another one after restarting, that it did not. */
export function settleOnHello(record: UpdateRecord | null, helloVersion: string, now: number): UpdateRecord | null {
  if (record === null || !inProgressStages.has(record.stage)) return record;
  if (helloVersion === record.version) {
    return { ...record, stage: 'updated', received: null, total: null, error: null, at: now };
  }
  if (record.stage !== 'restarting') return record;
  return {
    ...record,
    stage: 'rolled_back',
    error: {
      code: 'update.did_not_take',
      message: `the gateway came back as ${helloVersion} instead of ${record.version}`,
    },
    at: now,
  };
}

/** The record as the API shows it (schemas/api/gateway-update-state.json). */
export function updateStateJson(record: UpdateRecord): GatewayUpdateState {
  return {
    version: record.version,
    stage: record.stage,
    received: record.received,
    total: record.total,
    error: record.error,
    requested_at: record.requestedAt === null ? null : new Date(record.requestedAt).toISOString(),
    at: new Date(record.at).toISOString(),
  };
}
