/** DigitalOcean's API subset, `/v2/*`: bearer auth, the hourly quota headers, and the droplet/action routes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { regions, sizes } from './catalog.ts';
import { type Cloud, DROPLET_LIMIT } from './cloud.ts';
import { HttpError, parseJson, sendEmpty, sendJson } from './http.ts';
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
}) => Promise<void> | void;

const ID = '([1-9][0-9]{0,15})';

export function createApiHandler({ cloud, store, limiter, account }: Deps) {
  const list = (key: string, all: unknown[], url: URL) => {
    const page = paginate(all, url);
    return { [key]: page.items, links: page.links, meta: page.meta };
  };

  const routes: Array<[method: string, pattern: RegExp, handler: Handler]> = [
    [
      'GET',
      /^\/v2\/account$/,
      ({ reply }) =>
        reply(200, {
          account: {
            droplet_limit: DROPLET_LIMIT,
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
    ['GET', /^\/v2\/regions$/, ({ url, reply }) => reply(200, list('regions', regions, url))],
    ['GET', /^\/v2\/sizes$/, ({ url, reply }) => reply(200, list('sizes', sizes, url))],
    [
      'GET',
      /^\/v2\/droplets$/,
      ({ url, reply }) => {
        const filter = { tagName: url.searchParams.get('tag_name'), name: url.searchParams.get('name') };
        reply(200, list('droplets', cloud.list(filter), url));
      },
    ],
    [
      'POST',
      /^\/v2\/droplets$/,
      ({ body, url, reply }) => {
        const { droplet, actionId } = cloud.create(parseJson(body));
        const href = new URL(`/v2/actions/${actionId}`, url).toString();
        reply(202, { droplet, links: { actions: [{ id: actionId, rel: 'create', href }] } });
      },
    ],
    [
      'GET',
      new RegExp(`^/v2/droplets/${ID}$`),
      ({ params, reply }) => reply(200, { droplet: cloud.get(params[0] as number) }),
    ],
    [
      'DELETE',
      new RegExp(`^/v2/droplets/${ID}$`),
      async ({ params, reply }) => {
        await cloud.destroy(params[0] as number);
        reply(204);
      },
    ],
    [
      'GET',
      new RegExp(`^/v2/droplets/${ID}/actions$`),
      ({ params, url, reply }) => reply(200, list('actions', cloud.listActions(params[0]), url)),
    ],
    [
      'POST',
      new RegExp(`^/v2/droplets/${ID}/actions$`),
      ({ body, params, reply }) => {
        reply(201, { action: cloud.startAction(params[0] as number, parseJson(body).type) });
      },
    ],
    [
      'GET',
      new RegExp(`^/v2/droplets/${ID}/actions/${ID}$`),
      ({ params, reply }) => reply(200, { action: cloud.action(params[1] as number, params[0]) }),
    ],
    ['GET', /^\/v2\/actions$/, ({ url, reply }) => reply(200, list('actions', cloud.listActions(), url))],
    [
      'GET',
      new RegExp(`^/v2/actions/${ID}$`),
      ({ params, reply }) => reply(200, { action: cloud.action(params[0] as number) }),
    ],
  ];

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<boolean> {
    if (!url.pathname.startsWith('/v2/')) return false;
    const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const authenticated = bearer !== undefined && store.authenticate(bearer);
    // Anonymous requests count against their address, as DigitalOcean's quota headers show on a 401 too.
    const quota = limiter.take(authenticated ? `token:${bearer}` : `ip:${req.socket.remoteAddress}`);
    if (!authenticated) throw new HttpError(401, 'unauthorized', 'Unable to authenticate you', quota.headers);
    if (!quota.allowed) throw new HttpError(429, 'too_many_requests', 'API rate limit exceeded.', quota.headers);
    const reply = (status: number, body?: unknown) =>
      status === 204 ? sendEmpty(res, 204, quota.headers) : sendJson(res, status, body, quota.headers);
    let pathMatched = false;
    for (const [method, pattern, handler] of routes) {
      const m = pattern.exec(url.pathname);
      if (!m) continue;
      pathMatched = true;
      if (method !== req.method) continue;
      try {
        await handler({ body, url, params: m.slice(1).map(Number), reply });
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
