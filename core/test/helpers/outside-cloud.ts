/**
 * DigitalOcean (localcloud, started by vitest.localcloud.ts) as someone other than VibeCode uses it: a grant of its
 * own through the consent page, and droplet power actions through the API, as the user would from DigitalOcean's
 * control panel. What VibeCode then sees of the change is what the tests check.
 */
import { answerConsent } from '@vibecode/localcloud/consent';
import { expect, inject, vi } from 'vitest';

const cloudUrl = () => inject('localcloudUrl');
const REDIRECT = 'http://127.0.0.1/outside-callback';
// vitest.localcloud.ts's client (that module runs in Node; this one in workerd).
const LOCALCLOUD_CLIENT_ID = 'vibecode-worker-tests';
const LOCALCLOUD_CLIENT_SECRET = 'vibecode-worker-tests-secret';

/** An access token of a grant that is not VibeCode's. */
export async function outsideToken(): Promise<string> {
  const authorize = new URL('/v1/oauth/authorize', cloudUrl());
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: LOCALCLOUD_CLIENT_ID,
    redirect_uri: REDIRECT,
    scope: 'droplet:read droplet:update',
    state: 'outside',
  }).toString();
  const back = await answerConsent(authorize.toString(), 'approve');
  const res = await fetch(new URL('/v1/oauth/token', cloudUrl()), {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      client_id: LOCALCLOUD_CLIENT_ID,
      client_secret: LOCALCLOUD_CLIENT_SECRET,
      redirect_uri: REDIRECT,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Runs a droplet action (`power_off`, `power_on`) and waits until the droplet reports the state it leads to. */
export async function outsidePower(token: string, dropletId: number, type: 'power_off' | 'power_on'): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const started = await fetch(new URL(`/v2/droplets/${dropletId}/actions`, cloudUrl()), {
    method: 'POST',
    headers,
    body: JSON.stringify({ type }),
  });
  expect(started.status).toBe(201);
  const wanted = type === 'power_off' ? 'off' : 'active';
  await vi.waitFor(
    async () => {
      const res = await fetch(new URL(`/v2/droplets/${dropletId}`, cloudUrl()), { headers });
      expect(((await res.json()) as { droplet: { status: string } }).droplet.status).toBe(wanted);
    },
    { timeout: 10_000, interval: 20 },
  );
}

/** How many times VibeCode (or anyone) read this droplet, from localcloud's request log. */
export async function dropletReads(dropletId: number): Promise<number> {
  const res = await fetch(new URL('/_localcloud/requests', cloudUrl()));
  const { requests } = (await res.json()) as { requests: { method: string; path: string }[] };
  return requests.filter((r) => r.method === 'GET' && r.path === `/v2/droplets/${dropletId}`).length;
}
