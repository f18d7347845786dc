/**
 * Core's app as the provisioning tests call it: with the cloud settings they need on top of the test env, a request
 * as the browser sends it, and the answer as given (a redirect is returned, not followed). One place for the settings
 * these tests share, so a renamed setting cannot leave one of them testing an unconfigured control plane.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { answerConsent } from '@vibecode/localcloud/consent';
import { expect, onTestFinished } from 'vitest';
import { createApp } from '../../src/app.ts';
import { answer } from './api-answer.ts';
import { signIn } from './auth.ts';
import { type BrowserInit, browserRequest } from './browser-request.ts';
import { eventually } from './gateway-socket.ts';

/** A release-signing public key's shape: no test here verifies a release with it. */
const RELEASE_PUBLIC_KEY =
  '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----';
const RELEASE_URL = 'https://releases.example.com/vibe-gateway.tar.gz';

/** Cloud settings pointing at a port nothing listens on: a call into the cloud would fail the test that made it. */
export const offlineCloudVars = {
  DO_API_BASE_URL: 'http://127.0.0.1:9',
  DO_OAUTH_BASE_URL: 'http://127.0.0.1:9',
  DO_CLIENT_ID: 'test-client',
  DO_CLIENT_SECRET: 'test-secret',
  GATEWAY_ARTIFACT_URL: RELEASE_URL,
  GATEWAY_SIGNING_PUBLIC_KEY: RELEASE_PUBLIC_KEY,
};

/** Cloud settings pointing at the localcloud the worker tests start (vitest.localcloud.ts), with its OAuth client. */
export function localcloudVars(cloudUrl: string, artifactUrl = RELEASE_URL) {
  return {
    DO_API_BASE_URL: cloudUrl,
    DO_OAUTH_BASE_URL: cloudUrl,
    DO_CLIENT_ID: 'vibecode-worker-tests',
    DO_CLIENT_SECRET: 'vibecode-worker-tests-secret',
    GATEWAY_ARTIFACT_URL: artifactUrl,
    GATEWAY_SIGNING_PUBLIC_KEY: RELEASE_PUBLIC_KEY,
  };
}

const app = createApp();

export async function callApp(
  vars: Record<string, unknown>,
  path: string,
  cookie: string,
  init: BrowserInit = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(browserRequest(path, cookie, init), { redirect: 'manual' });
  const res = await app.fetch(request, { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

type AppCall = (path: string, cookie: string, init?: BrowserInit) => Promise<Response>;

/**
 * A signed-in user with a connected cloud (localcloud's consent page answered) and a VPS whose droplet runs, its
 * gateway taken as reported in (`ready`): where power and notice tests start. Destroyed when the test finishes.
 */
export async function readyVps(call: AppCall, cloudUrl: string, name: string) {
  const { cookie, userId } = await signIn();
  const connect = await call('/api/cloud/connect', cookie);
  const back = await answerConsent(connect.headers.get('location') ?? '', 'approve');
  expect((await call(`${back.pathname}${back.search}`, cookie)).status).toBe(303);
  const created = await answer(
    'POST /api/vps',
    201,
    await call('/api/vps', cookie, { method: 'POST', json: { size: 's-1vcpu-1gb', name } }),
  );
  const vpsId = created.vps.id;
  const { droplet_id } = (await env.DB.prepare('SELECT droplet_id FROM vps WHERE id = ?')
    .bind(vpsId)
    .first<{ droplet_id: number }>()) as { droplet_id: number };
  await eventually(async () =>
    expect((await fetch(`${cloudUrl}/_localcloud/droplets/${droplet_id}/machine`)).status).toBe(200),
  );
  await env.DB.prepare("UPDATE vps SET status = 'ready' WHERE id = ?").bind(vpsId).run();
  // Each test gives its droplet back: the run's one localcloud account is shared by every file.
  onTestFinished(async () => {
    await call(`/api/vps/${vpsId}`, cookie, { method: 'DELETE' });
  });
  return { cookie, userId, vpsId };
}
