/**
 * `POST /api/vps/:id/gateway/update`: sends the VPS's gateway the release this control plane offers. Signed in,
 * same origin, JSON, the user's own VPS (another user's is 404). The manifest is read fresh and its tarball's
 * signature fetched; the hub sends `gateway.update` and answers 202 with the update's state, whose progress
 * `GET /api/vps/:id` then shows. Nothing is asked of the user: sessions survive an update, and a release that
 * does not come back is rolled back by the gateway itself.
 */
import type { ApiResponse } from '@vibecode/schemas';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { cloudConfig } from '../cloud/cloud-config.ts';
import { openDb } from '../db/client.ts';
import { gateways } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { addLogFields } from '../http/log-fields.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { updateStateJson } from '../hub/gateway-update.ts';
import { hubStub } from '../hub/hub-client.ts';
import { hubErrorStatus } from '../hub/hub-status.ts';
import type { UpdateCommand } from '../hub/update-tracker.ts';
import { findOwnedVps } from '../ownership.ts';
import { requireCompatible } from './manifest.ts';
import { ReleaseError } from './release-error.ts';
import type { ReleaseSource } from './release-source.ts';
import { releaseSourceFor } from './request-source.ts';
import { isNewer } from './semver.ts';

const offline = () => new ApiError(409, 'gateway.offline', 'the gateway is offline; an update needs it connected');

/** This route's answers for the hub's refusals: both are states the page can show, not failures of the server. */
const hubStatus: Record<string, ContentfulStatusCode> = {
  'gateway.offline': 409,
  'gateway.update_in_progress': 409,
};

const releaseStatus: Record<ReleaseError['code'], ContentfulStatusCode> = {
  'release.unavailable': 503,
  'release.incompatible': 409,
};

/** The current release as `gateway.update` names it, if it is one this gateway should move to. */
async function updateFor(source: ReleaseSource, gatewayVersion: string): Promise<UpdateCommand> {
  const manifest = requireCompatible(await source.latest());
  if (!isNewer(manifest.version, gatewayVersion)) {
    throw new ApiError(
      409,
      'gateway.up_to_date',
      `the gateway runs ${gatewayVersion}; the current release is ${manifest.version}`,
    );
  }
  const { url, signature } = await source.signed(manifest);
  return { version: manifest.version, url, sha256: manifest.sha256, signature };
}

export const updateRoutes = new Hono<AppEnv>().post(
  '/api/vps/:id/gateway/update',
  sameOrigin(),
  requireUser,
  async (c) => {
    const db = openDb(c.env.DB);
    const vps = await findOwnedVps(db, c.get('user').id, c.req.param('id'));
    addLogFields(c, { vps_id: vps.id });
    const config = cloudConfig(c);
    const gateway = await db.query.gateways.findFirst({ where: eq(gateways.vpsId, vps.id) });
    if (!gateway) throw offline();
    addLogFields(c, { gateway_id: gateway.id });
    const hub = hubStub(c.env, gateway.id);
    if (gateway.version === null || !(await hub.status()).online) throw offline();

    let release: UpdateCommand;
    try {
      release = await updateFor(await releaseSourceFor(c, config.gatewayReleaseManifestUrl), gateway.version);
    } catch (error) {
      if (!(error instanceof ReleaseError)) throw error;
      c.get('log').warn('gateway update refused: release', { code: error.code, error: error.message });
      throw new ApiError(releaseStatus[error.code], error.code, error.message);
    }

    const result = await hub.requestUpdate(release);
    if (!result.ok) {
      const { code, message } = result.error;
      throw new ApiError(hubStatus[code] ?? hubErrorStatus(result.error), code, message);
    }
    c.get('log').info('gateway update sent', { version: release.version, from_version: gateway.version });
    return c.json(
      { update: updateStateJson(result.value) } satisfies ApiResponse<'POST /api/vps/:id/gateway/update'>,
      202,
    );
  },
);
