/**
 * DigitalOcean's API subset, `/v2/*`: bearer auth, the hourly quota headers, the droplet/action routes, and each
 * route's scope (`oauth-scopes.ts`), checked against the token's grant before the route runs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { regions, sizes } from './catalog.ts';
import type { Cloud } from './cloud.ts';
import { HttpError, parseJson, sendEmpty, sendJson } from './http.ts';
import { type ApiScope, forbidden, scopeCovers } from './oauth-scopes.ts';
import type { Account, OAuthStore } from './oauth-store.ts';
import { paginate } from './paginate.ts';
import type { RateLimiter } from './rate-limit.ts';

interface Deps {
  cloud: Cloud;
  store: OAuthStore;
  limiter: RateLimiter;
  account: Account;
}

type Handler = (ctx: {
  body: string;
  url: URL;
  params: number[];
  reply: (status: number, body?: unknown) => void;
  /** Refuses the call (403) unless the grant covers `scope` too: for what a body adds, like tags on a create. */
  requireScope: (scope: ApiScope) => void;
}) => Promise<void> | void;

const ID = '([1-9][0-9]{0,15})';

export function createApiHandler({ cloud, store, limiter, account }: Deps) {
  const list = (key: string, all: unknown[], url: URL) => {
    const page = paginate(all, url);
    return { [key]: page.items, links: page.links, meta: page.meta };
  };

  const routes: Array<[method: string, pattern: RegExp, scope: ApiScope, handler: Handler]> = [
    [
      'GET',
      /^\/v2\/account$/,
      'account:read',
      ({ reply }) =>
        reply(200, {
          account: {
            droplet_limit: cloud.dropletLimit,
            floating_ip_limit: 3,
            email: account.email,
            name: account.name,
            uuid: account.uuid,
            email_verified: true,
            status: 'active',
            status_message: '',
            team: { uuid: account.uuid, name: 'My Team' },
          },
        }),
    ],
    ['GET', /^\/v2\/regions$/, 'regions:read', ({ url, reply }) => reply(200, list('regions', regions, url))],
    ['GET', /^\/v2\/sizes$/, 'sizes:read', ({ url, reply }) => reply(200, list('sizes', sizes, url))],
    [
      'GET',
      /^\/v2\/droplets$/,
      'droplet:read',
      ({ url, reply }) => {
        const filter = { tagName: url.searchParams.get('tag_name'), name: url.searchParams.get('name') };
        reply(200, list('droplets', cloud.list(filter), url));
      },
    ],
    [
      'POST',
      /^\/v2\/droplets$/,
      'droplet:create',
      ({ body, url, reply, requireScope }) => {
        const request = parseJson(body);
        // DigitalOcean: tagging a droplet as it is created needs `tag:create` besides `droplet:create`.
        if (Array.isArray(request.tags) && request.tags.length > 0) requireScope('tag:create');
        const { droplet, actionId } = cloud.create(request);
        const href = new URL(`/v2/actions/${actionId}`, url).toString();
        reply(202, { droplet, links: { actions: [{ id: actionId, rel: 'create', href }] } });
      },
    ],
    [
      'GET',
      new RegExp(`^/v2/droplets/${ID}$`),
      'droplet:read',
      ({ params, reply }) => reply(200, { droplet: cloud.get(params[0] as number) }),
    ],
    [
      'DELETE',
      new RegExp(`^/v2/droplets/${ID}$`),
      'droplet:delete',
      async ({ params, reply }) => {
        await cloud.destroy(params[0] as number);
        reply(204);
      },
    ],
    [
      'GET',
      new RegExp(`^/v2/droplets/${ID}/actions$`),
      'droplet:read',
      ({ params, url, reply }) => reply(200, list('actions', cloud.listActions(params[0]), url)),
    ],
    [
      'POST',
      new RegExp(`^/v2/droplets/${ID}/actions$`),
      // Power on and off: DigitalOcean counts a droplet action as an update of the droplet.
      'droplet:update',
      ({ body, params, reply }) => {
        reply(201, { action: cloud.startAction(params[0] as number, parseJson(body).type) });
      },
    ],
    [
      'GET',
      new RegExp(`^/v2/droplets/${ID}/actions/${ID}$`),
      'droplet:read',
      ({ params, reply }) => reply(200, { action: cloud.action(params[1] as number, params[0]) }),
    ],
    [
      'GET',
      /^\/v2\/actions$/,
      'actions:read',
      ({ url, reply }) => reply(200, list('actions', cloud.listActions(), url)),
    ],
    [
      'GET',
      new RegExp(`^/v2/actions/${ID}$`),
      'actions:read',
      ({ params, reply }) => reply(200, { action: cloud.action(params[0] as number) }),
    ],
  ];

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<boolean> {
    if (!url.pathname.startsWith('/v2/')) return false;
    const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const granted = bearer === undefined ? null : store.grantedScope(bearer);
    const authenticated = granted !== null;
    // Anonymous requests count against their address, as DigitalOcean's quota headers show on a 401 too.
    const quota = limiter.take(authenticated ? `token:${bearer}` : `ip:${req.socket.remoteAddress}`);
    if (!authenticated) throw new HttpError(401, 'unauthorized', 'Unable to authenticate you', quota.headers);
    if (!quota.allowed) throw new HttpError(429, 'too_many_requests', 'API rate limit exceeded.', quota.headers);
    const reply = (status: number, body?: unknown) =>
      status === 204 ? sendEmpty(res, 204, quota.headers) : sendJson(res, status, body, quota.headers);
    let pathMatched = false;
    const requireScope = (scope: ApiScope) => {
      if (!scopeCovers(granted ?? '', scope)) throw forbidden(quota.headers);
    };
    for (const [method, pattern, scope, handler] of routes) {
      const m = pattern.exec(url.pathname);
      if (!m) continue;
      pathMatched = true;
      if (method !== req.method) continue;
      requireScope(scope);
      try {
        await handler({ body, url, params: m.slice(1).map(Number), reply, requireScope });
      } catch (err) {
        if (err instanceof HttpError)
          throw new HttpError(err.status, err.id, err.message, { ...quota.headers, ...err.headers });
        throw err;
      }
      return true;
    }
    if (pathMatched) throw new HttpError(405, 'method_not_allowed', 'Method not allowed.', quota.headers);
    throw new HttpError(404, 'not_found', 'The resource you were accessing could not be found.', quota.headers);
  };
}
