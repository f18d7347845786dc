/**
 * Every control-plane route that reads a JSON body, as its own client calls it (the web app: session cookie, our
 * Origin, JSON; a gateway registering: JSON alone), with a valid body to edit and the codes the route answers for a
 * body its schema refuses.
 */
import type { ApiBodyRoute } from '@vibecode/schemas';
import { requestExamples } from '@vibecode/schemas/testing';
import { nextIp, ORIGIN, uniqueEmail } from '../helpers/auth.ts';

/** A signed-in user who owns one VPS whose gateway has never connected. */
export interface Owner {
  cookie: string;
  vpsId: string;
}

export interface BodyRoute {
  route: ApiBodyRoute;
  url: (owner: Owner) => string;
  headers: (owner: Owner) => Record<string, string>;
  valid: object;
  /** The route's own code for a field the schema refuses, where it has one; any other refusal is http.invalid_body. */
  fieldCodes: Record<string, string>;
}

const json = { 'content-type': 'application/json' };
const browser = (owner: Owner) => ({ ...json, origin: ORIGIN, cookie: owner.cookie });

/**
 * Routes with a JSON body that another app of the Worker serves, not core's: the bot's (telegram/), whose own tests
 * send them every refused body (worker/test/telegram-miniapp-auth.test.ts).
 */
export const servedOutsideCore: readonly ApiBodyRoute[] = ['POST /api/miniapp/auth'];

export const bodyRoutes: BodyRoute[] = [
  {
    route: 'POST /api/auth/magic-link',
    url: () => `${ORIGIN}/api/auth/magic-link`,
    // A fresh client address each time, so the per-address sign-in limit never answers instead of the body check.
    headers: () => ({ ...json, origin: ORIGIN, 'cf-connecting-ip': nextIp() }),
    // A fresh address too: edits that keep it valid would otherwise meet the per-address limit of another test.
    valid: { email: uniqueEmail('fuzz') },
    fieldCodes: { email: 'auth.invalid_email' },
  },
  {
    route: 'POST /api/vps',
    url: () => `${ORIGIN}/api/vps`,
    headers: browser,
    valid: requestExamples['POST /api/vps'].valid,
    fieldCodes: { name: 'vps.invalid_name' },
  },
  {
    route: 'POST /api/vps/:id/power',
    url: ({ vpsId }) => `${ORIGIN}/api/vps/${vpsId}/power`,
    headers: browser,
    valid: requestExamples['POST /api/vps/:id/power'].valid,
    fieldCodes: {},
  },
  {
    route: 'POST /api/vps/:id/auto-power-off',
    url: ({ vpsId }) => `${ORIGIN}/api/vps/${vpsId}/auto-power-off`,
    headers: browser,
    valid: requestExamples['POST /api/vps/:id/auto-power-off'].valid,
    fieldCodes: {},
  },
  {
    route: 'DELETE /api/vps/:id',
    url: ({ vpsId }) => `${ORIGIN}/api/vps/${vpsId}`,
    headers: browser,
    valid: requestExamples['DELETE /api/vps/:id'].valid,
    fieldCodes: { confirm: 'vps.confirm_mismatch' },
  },
  {
    route: 'POST /api/vps/:id/sessions',
    url: ({ vpsId }) => `${ORIGIN}/api/vps/${vpsId}/sessions`,
    headers: browser,
    valid: requestExamples['POST /api/vps/:id/sessions'].valid,
    fieldCodes: {},
  },
  {
    // No such session: the body is checked first, so a refused one is still its 400 and a valid one a typed 404.
    route: 'POST /api/sessions/:id/answer',
    url: () => `${ORIGIN}/api/sessions/no-such-session/answer`,
    headers: browser,
    valid: requestExamples['POST /api/sessions/:id/answer'].valid,
    fieldCodes: {},
  },
  {
    route: 'POST /api/sessions/:id/continue-at-reset',
    url: () => `${ORIGIN}/api/sessions/no-such-session/continue-at-reset`,
    headers: browser,
    valid: requestExamples['POST /api/sessions/:id/continue-at-reset'].valid,
    fieldCodes: {},
  },
  {
    route: 'POST /api/vps/:id/keys',
    url: ({ vpsId }) => `${ORIGIN}/api/vps/${vpsId}/keys`,
    headers: browser,
    valid: requestExamples['POST /api/vps/:id/keys'].valid,
    fieldCodes: { public_key: 'ssh.invalid_key' },
  },
  {
    // The example's push service is one the tests' Worker does not send to: a valid body is a typed 400 too.
    route: 'POST /api/push/subscriptions',
    url: () => `${ORIGIN}/api/push/subscriptions`,
    headers: browser,
    valid: requestExamples['POST /api/push/subscriptions'].valid,
    fieldCodes: {},
  },
  {
    route: 'POST /api/gateways/register',
    url: () => `${ORIGIN}/api/gateways/register`,
    headers: () => json,
    valid: requestExamples['POST /api/gateways/register'].valid,
    fieldCodes: {},
  },
];

/** The method and path of a route, from its contract name. */
export function methodOf(route: ApiBodyRoute): string {
  return route.split(' ')[0] as string;
}
