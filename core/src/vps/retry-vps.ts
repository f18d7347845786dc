/**
 * Retry after a provisioning timeout, as `POST /api/vps/:id/retry` and a channel's Retry button both do: only a VPS
 * whose provisioning timed out (`vps.invalid_state`), its droplet that never came up destroyed, a new one launched
 * with a fresh bootstrap token, and the timeout notice it answers dismissed everywhere.
 */
import { eq } from 'drizzle-orm';
import type { CloudAccess } from '../cloud/access.ts';
import type { CloudConfig } from '../config/cloud-settings.ts';
import { gateways, vps as vpsTable } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { type AnswerListeners, dismissAnsweredNotices } from '../notify/answered-notices.ts';
import { findOwnedVps } from '../ownership.ts';
import { launchDroplet } from './launch.ts';

type VpsRow = typeof vpsTable.$inferSelect;

/** The cloud to launch in, its config, and the control plane's origin the new gateway calls home to. */
export interface RetryLaunch {
  cloud: CloudAccess;
  config: CloudConfig;
  cpUrl: string;
}

export interface RetryDeps {
  env: Env;
  /** Asked only once the VPS may be retried, so a VPS in another state answers `vps.invalid_state` first. */
  launch: () => Promise<RetryLaunch>;
  answers: AnswerListeners;
}

/** Answers the VPS as it is afterwards (provisioning again) and the gateway id the launch used. */
export async function retryOwnedVps(row: VpsRow, deps: RetryDeps): Promise<{ vps: VpsRow; gatewayId: string }> {
  if (row.status !== 'provisioning_timeout') {
    throw new ApiError(409, 'vps.invalid_state', 'only a VPS whose provisioning timed out can be retried');
  }
  const { cloud, config, cpUrl } = await deps.launch();
  const { db, provider, accessToken } = cloud;
  const gateway = await db.query.gateways.findFirst({ where: eq(gateways.vpsId, row.id) });
  if (!gateway) throw new ApiError(409, 'vps.no_gateway', 'this VPS has no gateway record');
  if (row.dropletId !== null) await provider.destroyServer(accessToken, String(row.dropletId));
  const now = Date.now();
  await db
    .update(vpsTable)
    .set({ dropletId: null, ipv4: null, status: 'provisioning', updatedAt: now })
    .where(eq(vpsTable.id, row.id));
  await launchDroplet(
    deps.env,
    cloud,
    config,
    cpUrl,
    { vpsId: row.id, gatewayId: gateway.id, name: row.name, region: row.region, size: row.size },
    now,
  );
  await dismissAnsweredNotices(
    db,
    deps.answers,
    { vpsId: row.id, kind: 'vps.provisioning_timeout', answer: 'retried' },
    now,
  );
  return { vps: await findOwnedVps(db, row.userId, row.id), gatewayId: gateway.id };
}
