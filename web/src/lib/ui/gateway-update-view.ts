/**
 * The gateway's release on the server page, in words: the offered update, the progress of one that runs, how the
 * last one ended, and a protocol refusal with what to do about it. Pure: the panel renders what this returns.
 */
import type { GatewayDetail, GatewayUpdateStage, GatewayUpdateState } from '@vibecode/schemas';

const running: ReadonlySet<GatewayUpdateStage> = new Set([
  'requested',
  'downloading',
  'verifying',
  'installing',
  'restarting',
]);

/** An update is under way: the page re-reads the server until it ends. */
export function isUpdating(update: GatewayUpdateState | null): boolean {
  return update !== null && running.has(update.stage);
}

/** Megabytes as release sizes are usually given (decimal), one decimal: 12_300_000 → "12.3". */
const mb = (bytes: number): string => (bytes / 1_000_000).toFixed(1);

/** "Downloading 12.3 / 40.1 MB", "Verifying…" and so on, while an update runs. */
export function progressText(update: GatewayUpdateState): string {
  switch (update.stage) {
    case 'requested':
      return `Starting the update to v${update.version}…`;
    case 'downloading':
      if (update.received === null) return 'Downloading…';
      return update.total === null
        ? `Downloading ${mb(update.received)} MB`
        : `Downloading ${mb(update.received)} / ${mb(update.total)} MB`;
    case 'verifying':
      return 'Verifying…';
    case 'installing':
      return 'Installing…';
    case 'restarting':
      return 'Restarting…';
    default:
      return '';
  }
}

/** How an update ended: "Updated to v0.2.0", "Update failed: …", "Rolled back to v0.1.0: …". */
export function outcomeText(update: GatewayUpdateState, runningVersion: string | null): string {
  const reason = update.error ? `: ${update.error.message}` : '';
  switch (update.stage) {
    case 'updated':
      return `Updated to v${update.version}`;
    case 'rolled_back':
      return runningVersion === null ? `Rolled back${reason}` : `Rolled back to v${runningVersion}${reason}`;
    case 'failed':
      return `Update failed${reason}`;
    default:
      return '';
  }
}

export interface GatewayUpdateView {
  /** "Update available: v0.2.0" while no update runs; the Update button goes with it. */
  available: string | null;
  /** The Update button works only while the gateway is connected. */
  canUpdate: boolean;
  /** While an update runs; `received`/`total` feed a progress bar when known. */
  progress: { text: string; received: number | null; total: number | null } | null;
  /** How the last update ended. */
  outcome: { text: string; ok: boolean } | null;
  /** The gateway speaks another protocol: what that means, and the console command that fixes it. */
  schemaError: { text: string; command: string | null } | null;
}

export function gatewayUpdateView(
  gateway: Pick<GatewayDetail, 'version' | 'connected' | 'update_available' | 'update' | 'schema_error'>,
): GatewayUpdateView {
  const { update, schema_error: refused } = gateway;
  const updating = isUpdating(update);
  return {
    available: gateway.update_available && !updating ? `Update available: v${gateway.update_available.version}` : null,
    canUpdate: gateway.connected && !updating,
    progress:
      update && updating ? { text: progressText(update), received: update.received, total: update.total } : null,
    outcome:
      update && !updating ? { text: outcomeText(update, gateway.version), ok: update.stage === 'updated' } : null,
    schemaError: refused
      ? {
          text:
            `This server's gateway speaks protocol ${refused.gateway_schema_version}; this control plane speaks ` +
            `${refused.schema_version}, so it cannot connect. Update it from the server's console` +
            (refused.update_command ? ' with:' : ' (vibe-gateway update).'),
          command: refused.update_command,
        }
      : null,
  };
}
