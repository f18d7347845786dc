/**
 * Core's app as the provisioning tests call it: with the cloud settings they need on top of the test env, a request
 * as the browser sends it, and the answer as given (a redirect is returned, not followed). One place for the settings
 * these tests share, so a renamed setting cannot leave one of them testing an unconfigured control plane.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { createApp } from '../../src/app.ts';
import { type BrowserInit, browserRequest } from './browser-request.ts';

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
