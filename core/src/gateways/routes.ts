/**
 * `POST /api/gateways/register {bootstrap_token}` → `{gateway_id, credential}`. Machine to machine: no cookie
 * and no Origin; the one-time bootstrap token is the authentication, and every failure is the same 401. A gateway
 * registering means its droplet is up: its public address is read from the cloud then, in the background.
 */
import type { ApiResponse } from '@vibecode/schemas';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { openDb } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import { readApiBody } from '../http/json-body.ts';
import { addLogFields } from '../http/log-fields.ts';
import { mediaType } from '../http/same-origin.ts';
import { recordDropletAddress } from '../vps/droplet-address.ts';
import { registerGateway } from './credential.ts';

export function gatewayRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.post('/api/gateways/register', async (c) => {
    if (mediaType(c.req.header('content-type')) !== 'application/json') {
      throw new ApiError(415, 'http.unsupported_media_type', 'Content-Type must be application/json');
    }
    const { bootstrap_token: token } = await readApiBody(c, 'POST /api/gateways/register');
    const registered = await registerGateway(openDb(c.env.DB), token, Date.now());
    if (!registered) {
      throw new ApiError(401, 'auth.invalid_bootstrap_token', 'bootstrap token is unknown, used or expired');
    }
    addLogFields(c, { vps_id: registered.vpsId, gateway_id: registered.gatewayId });
    c.get('log').info('gateway registered');
    c.executionCtx.waitUntil(recordDropletAddress(c, registered.vpsId));
    return c.json({
      gateway_id: registered.gatewayId,
      credential: registered.credential,
    } satisfies ApiResponse<'POST /api/gateways/register'>);
  });

  return routes;
}
