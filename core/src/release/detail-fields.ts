/**
 * The release half of a gateway's detail (`GET /api/vps/:id`): the newer compatible release this control plane
 * offers, the gateway's update in progress or its last result, and why its hello was refused if it speaks another
 * protocol. The hub holds the last two; the offer comes from the release source's cached manifest, read only when
 * there is something to compare it with.
 */
import type { GatewayDetail } from '@vibecode/schemas';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { gateways } from '../db/schema.ts';
import { updateStateJson } from '../hub/gateway-update.ts';
import { hubStub } from '../hub/hub-client.ts';
import { schemaErrorJson } from '../hub/schema-support.ts';
import { isCompatible, releaseUrls, updateOffer } from './manifest.ts';
import { releaseSourceFor } from './request-source.ts';

export type GatewayReleaseFields = Pick<GatewayDetail, 'update_available' | 'update' | 'schema_error'>;

export async function gatewayReleaseFields(
  c: Context<AppEnv>,
  gateway: typeof gateways.$inferSelect,
): Promise<GatewayReleaseFields> {
  const state = await hubStub(c.env, gateway.id).updateState();
  const cloud = c.get('config').cloud;
  const manifestUrl = cloud.ok ? cloud.value.gatewayReleaseManifestUrl : null;
  const wanted = gateway.version !== null || state.schemaError !== null;
  const manifest = manifestUrl !== null && wanted ? await (await releaseSourceFor(c, manifestUrl)).offered() : null;
  const tarball =
    manifestUrl !== null && manifest !== null && isCompatible(manifest)
      ? releaseUrls(manifestUrl, manifest.version).tarball
      : null;
  return {
    update_available: updateOffer(gateway.version, manifest),
    update: state.update === null ? null : updateStateJson(state.update),
    schema_error: state.schemaError === null ? null : schemaErrorJson(state.schemaError, tarball),
  };
}
