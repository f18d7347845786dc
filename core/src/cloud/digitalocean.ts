/**
 * `CloudProvider` for DigitalOcean (or localcloud, which serves the same paths): OAuth, the catalogue with
 * pagination, droplets, and power actions polled until they finish. Takes its clock, sleep, randomness and fetch
 * as parameters so the Worker passes the real ones and tests drive time.
 */
import type { Logger } from '@vibecode/schemas/log';
import { CloudError } from './cloud-error.ts';
import type { DigitalOceanConfig } from './digitalocean-config.ts';
import { doRequest, type HttpDeps } from './digitalocean-http.ts';
import { authorizeUrl, exchangeCode, refreshTokens, revokeToken } from './digitalocean-oauth.ts';
import { assertOAuthState } from './oauth-state.ts';
import type { CloudProvider, CreateServerInput, Region, Server, ServerStatus, Size, TokenSet } from './provider.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.ts';

export interface ActionPolling {
  intervalMs: number;
  maxPolls: number;
}

/** Power actions are polled every 2 s, at most 90 times: a 3-minute bound, then `cloud.action_timeout`. */
export const DEFAULT_ACTION_POLLING: ActionPolling = { intervalMs: 2_000, maxPolls: 90 };
/** A list longer than this many pages is refused as `cloud.bad_response` (200 per page: 10,000 items). */
export const MAX_LIST_PAGES = 50;

export interface DigitalOceanDeps {
  /** Waits `ms` milliseconds: in the Worker `(ms) => new Promise((r) => setTimeout(r, ms))`. */
  sleep: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  actionPolling?: Partial<ActionPolling>;
  /** Retries are logged here as warnings (method, path, reason, wait). */
  log?: Logger;
}

export const DEFAULT_REGION = 'ams3';
export const DEFAULT_IMAGE = 'debian-12-x64';
export const DEFAULT_TAGS = ['vibecode'];

type Json = Record<string, unknown>;

function checked<T>(value: unknown, check: (v: unknown) => boolean, what: string): T {
  if (!check(value)) throw new CloudError('cloud.bad_response', `DigitalOcean sent an unexpected ${what}.`);
  return value as T;
}

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

function toServer(raw: unknown): Server {
  const d = checked<Json>(raw, (v) => isObject(v) && typeof (v as Json).id === 'number', 'droplet');
  const v4 = ((d.networks as Json | undefined)?.v4 ?? []) as Array<{ ip_address?: unknown; type?: unknown }>;
  const publicV4 = v4.find((n) => n.type === 'public' && typeof n.ip_address === 'string');
  return {
    id: String(d.id),
    name: String(d.name),
    status: d.status as ServerStatus,
    ipv4: (publicV4?.ip_address as string | undefined) ?? null,
    region: String((d.region as Json | undefined)?.slug ?? ''),
    size: String(d.size_slug ?? ''),
    tags: Array.isArray(d.tags) ? d.tags.map(String) : [],
    createdAt: String(d.created_at),
  };
}

function toRegion(r: Json): Region {
  return {
    slug: String(r.slug),
    name: String(r.name),
    available: r.available === true,
    sizes: Array.isArray(r.sizes) ? r.sizes.map(String) : [],
  };
}

function toSize(s: Json): Size {
  return {
    slug: String(s.slug),
    description: String(s.description ?? ''),
    memoryMb: Number(s.memory),
    vcpus: Number(s.vcpus),
    diskGb: Number(s.disk),
    priceMonthly: Number(s.price_monthly),
    priceHourly: Number(s.price_hourly),
    regions: Array.isArray(s.regions) ? s.regions.map(String) : [],
    available: s.available !== false,
  };
}

/** Droplet ids are positive integers; anything else never reaches a URL. */
function dropletId(id: string): string {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) throw new CloudError('cloud.not_found', 'No such server.');
  return id;
}

export class DigitalOceanProvider implements CloudProvider {
  private readonly http: HttpDeps;
  private readonly polling: ActionPolling;

  constructor(
    private readonly config: DigitalOceanConfig,
    deps: DigitalOceanDeps,
  ) {
    this.http = {
      fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
      sleep: deps.sleep,
      now: deps.now ?? Date.now,
      random: deps.random ?? Math.random,
      retry: { ...DEFAULT_RETRY_POLICY, ...deps.retry },
      log: deps.log,
    };
    this.polling = { ...DEFAULT_ACTION_POLLING, ...deps.actionPolling };
  }

  authorizeUrl(state: string): string {
    return authorizeUrl(this.config, state);
  }

  async completeAuthorization(callback: URLSearchParams, expectedState: string): Promise<TokenSet> {
    assertOAuthState(expectedState, callback.get('state'));
    if (callback.get('error')) {
      throw new CloudError('cloud.oauth_denied', 'Access to the DigitalOcean account was not granted.');
    }
    const code = callback.get('code');
    if (!code) throw new CloudError('cloud.oauth_failed', 'The DigitalOcean callback carried no code.');
    return exchangeCode(this.http.fetch, this.config, code, this.http.now());
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    return refreshTokens(this.http.fetch, this.config, refreshToken, this.http.now());
  }

  revoke(accessToken: string): Promise<void> {
    return revokeToken(this.http.fetch, this.config, accessToken);
  }

  async listRegions(accessToken: string): Promise<Region[]> {
    return (await this.listAll(accessToken, '/v2/regions', 'regions')).map(toRegion);
  }

  async listSizes(accessToken: string): Promise<Size[]> {
    return (await this.listAll(accessToken, '/v2/sizes', 'sizes')).map(toSize);
  }

  async createServer(accessToken: string, input: CreateServerInput): Promise<Server> {
    const body = await doRequest(this.http, 'POST', this.api('/v2/droplets'), accessToken, {
      name: input.name,
      region: input.region ?? DEFAULT_REGION,
      size: input.size,
      image: input.image ?? DEFAULT_IMAGE,
      user_data: input.userData,
      tags: input.tags ?? DEFAULT_TAGS,
    });
    return toServer((body as Json | null)?.droplet);
  }

  async getServer(accessToken: string, id: string): Promise<Server> {
    const body = await doRequest(this.http, 'GET', this.api(`/v2/droplets/${dropletId(id)}`), accessToken);
    return toServer((body as Json | null)?.droplet);
  }

  async destroyServer(accessToken: string, id: string): Promise<void> {
    try {
      await doRequest(this.http, 'DELETE', this.api(`/v2/droplets/${dropletId(id)}`), accessToken);
    } catch (err) {
      if (!(err instanceof CloudError && err.code === 'cloud.not_found')) throw err;
    }
  }

  powerOff(accessToken: string, id: string): Promise<void> {
    return this.runAction(accessToken, id, 'power_off');
  }

  powerOn(accessToken: string, id: string): Promise<void> {
    return this.runAction(accessToken, id, 'power_on');
  }

  powerCycle(accessToken: string, id: string): Promise<void> {
    return this.runAction(accessToken, id, 'power_cycle');
  }

  consoleUrl(id: string): string {
    return new URL(`/droplets/${dropletId(id)}/terminal/ui/`, this.config.cloudBaseUrl).toString();
  }

  private api(path: string): string {
    return new URL(path, this.config.apiBaseUrl).toString();
  }

  /** Follows `links.pages.next`, only on the API's own origin (the bearer token goes nowhere else). */
  private async listAll(accessToken: string, path: string, key: string): Promise<Json[]> {
    const origin = new URL(this.config.apiBaseUrl).origin;
    const items: Json[] = [];
    let next: string | undefined = `${this.api(path)}?per_page=${this.config.pageSize}`;
    for (let page = 0; next; page++) {
      if (page >= MAX_LIST_PAGES)
        throw new CloudError('cloud.bad_response', `DigitalOcean listed over ${MAX_LIST_PAGES} pages.`);
      const body: Json = checked<Json>(await doRequest(this.http, 'GET', next, accessToken), isObject, 'list');
      items.push(...checked<Json[]>(body[key], Array.isArray, key));
      const link: unknown = ((body.links as Json | undefined)?.pages as Json | undefined)?.next;
      next = typeof link === 'string' ? link : undefined;
      if (next && new URL(next).origin !== origin) {
        throw new CloudError('cloud.bad_response', 'DigitalOcean pointed pagination at another origin.');
      }
    }
    return items;
  }

  private async runAction(
    accessToken: string,
    id: string,
    type: 'power_off' | 'power_on' | 'power_cycle',
  ): Promise<void> {
    const started = await doRequest(this.http, 'POST', this.api(`/v2/droplets/${dropletId(id)}/actions`), accessToken, {
      type,
    });
    let action = checked<Json>((started as Json | null)?.action, isObject, 'action');
    const actionId = checked<number>(action.id, (v) => typeof v === 'number', 'action id');
    for (let poll = 0; action.status === 'in-progress'; poll++) {
      if (poll >= this.polling.maxPolls) {
        const waited = Math.round((this.polling.intervalMs * this.polling.maxPolls) / 1000);
        throw new CloudError('cloud.action_timeout', `DigitalOcean's ${type} did not finish within ${waited} s.`);
      }
      await this.http.sleep(this.polling.intervalMs);
      const polled = await doRequest(this.http, 'GET', this.api(`/v2/actions/${actionId}`), accessToken);
      action = checked<Json>((polled as Json | null)?.action, isObject, 'action');
    }
    if (action.status !== 'completed') {
      throw new CloudError('cloud.action_failed', `DigitalOcean's ${type} ended as ${String(action.status)}.`);
    }
  }
}
