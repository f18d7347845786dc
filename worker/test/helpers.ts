/**
 * What the Worker's tests need, through the Worker's front door as a browser uses it (sign-in by the real magic-link
 * flow, the API with the session cookie, the dev outbox) and D1 rows where a test sets the scene (a VPS that exists).
 * Nothing of core's internals: the Worker is tested as it is deployed.
 */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';

const ORIGIN = 'http://localhost';

type OutboxMessage = { to: string; subject: string; link: string };

let ipCounter = 0;
/** A fresh client address per sign-in, so the per-IP rate limit never couples tests. */
function nextIp(): string {
  ipCounter += 1;
  return `203.0.${113 + Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

/** A request as the web app sends it: the cookie, and on a mutating call our Origin and JSON. */
export function api(path: string, cookie: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', cookie);
  if (init.method !== undefined && init.method !== 'GET') {
    if (!headers.has('origin')) headers.set('origin', ORIGIN);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }));
}

export async function errorOf(res: Response): Promise<{ status: number; code: string }> {
  const body = (await res.json()) as { error?: { code?: string } };
  return { status: res.status, code: body.error?.code ?? '(none)' };
}

/** The newest outbox mail to `email`, polled until the `waitUntil` send has landed. */
export async function latestMail(email: string): Promise<OutboxMessage> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const res = await exports.default.fetch(`${ORIGIN}/api/dev/outbox`);
    const mail = ((await res.json()) as OutboxMessage[]).find((m) => m.to === email);
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no outbox mail to ${email}`);
}

/** A new user signed in through the magic-link flow: the session cookie, the user's id and address. */
export async function signIn(): Promise<{ cookie: string; userId: string; email: string }> {
  const email = `user-${crypto.randomUUID()}@example.com`;
  const asked = await exports.default.fetch(`${ORIGIN}/api/auth/magic-link`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json', 'cf-connecting-ip': nextIp() },
    body: JSON.stringify({ email }),
  });
  expect(asked.status).toBe(202);
  const token = new URL((await latestMail(email)).link).searchParams.get('token') ?? '';
  // The sign-in cookie the request set: the link is opened in the browser that asked for it (one-click confirm).
  const browser = (asked.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const confirmed = await exports.default.fetch(`${ORIGIN}/auth/verify`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', cookie: browser },
    body: new URLSearchParams({ token }).toString(),
    redirect: 'manual',
  });
  expect(confirmed.status).toBe(303);
  const cookie = (confirmed.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { user } = (await (await api('/api/me', cookie)).json()) as { user: { id: string } };
  return { cookie, userId: user.id, email };
}

/** A VPS row and its gateway row, as provisioning creates them. */
export async function insertVps(userId: string, name: string): Promise<{ vpsId: string; gatewayId: string }> {
  const now = Date.now();
  const vpsId = crypto.randomUUID();
  const gatewayId = crypto.randomUUID();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO vps (id, user_id, name, region, size, status, created_at, updated_at) VALUES (?, ?, ?, 'nyc1', 's-1vcpu-1gb', 'provisioning', ?, ?)",
    ).bind(vpsId, userId, name, now, now),
    env.DB.prepare('INSERT INTO gateways (id, vps_id, created_at) VALUES (?, ?, ?)').bind(gatewayId, vpsId, now),
  ]);
  return { vpsId, gatewayId };
}

export type Listed = {
  notifications: {
    id: string;
    kind: string;
    vps_id: string;
    payload: { title: string; vps_name: string; actions: string[] };
  }[];
};

/** The banner API's notices of one VPS, as its owner (`cookie`) sees them. */
export async function noticesOf(cookie: string, vpsId: string): Promise<Listed['notifications']> {
  const listed = (await (await api('/api/notifications', cookie)).json()) as Listed;
  return listed.notifications.filter((n) => n.vps_id === vpsId);
}
