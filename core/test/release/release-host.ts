/**
 * Test helpers for gateway updates: releases published on the test release host (core/vitest.release-host.ts, a
 * stand-in for the outside service that hosts releases), each under its own prefix, and the cloud settings that
 * point a control plane at one of them.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { inject } from 'vitest';
import { createApp } from '../../src/app.ts';
import { type BrowserInit, browserRequest } from '../helpers/browser-request.ts';

const host = inject('releaseHostUrl');
const app = createApp();
const pem = '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----';

/** A DER-shaped signature (SEQUENCE of two INTEGERs): the control plane passes it on, the gateway verifies it. */
export const SIGNATURE = Uint8Array.from([
  0x30,
  0x44,
  0x02,
  0x20,
  ...new Array(32).fill(0x11),
  0x02,
  0x20,
  ...new Array(32).fill(0x22),
]);
export const SIGNATURE_BASE64 = btoa(String.fromCharCode(...SIGNATURE));
export const SHA256 = 'd'.repeat(64);

export interface ReleaseHost {
  /** The folder's URL on the host, ending in `/`. */
  base: string;
  /** Cloud settings whose GATEWAY_ARTIFACT_URL is a tarball in this folder (so the manifest is beside it). */
  vars: Record<string, string>;
  /** Stores a file in this folder. */
  put(name: string, body: string | Uint8Array): Promise<void>;
  /** Publishes `manifest.json` for `version` (overrides replace its fields) and, unless `signature: null`, its .sig. */
  publish(
    version: string,
    options?: { manifest?: Record<string, unknown>; signature?: Uint8Array | null },
  ): Promise<void>;
  /** The paths asked for in this folder, oldest first. */
  requests(): Promise<string[]>;
}

export function releaseHost(): ReleaseHost {
  const prefix = `/${crypto.randomUUID()}/`;
  const base = `${host}${prefix}`;
  const put = async (name: string, body: string | Uint8Array) => {
    const res = await fetch(`${base}${name}`, { method: 'PUT', body });
    if (res.status !== 204) throw new Error(`release host refused ${name}: ${res.status}`);
  };
  return {
    base,
    vars: {
      DO_API_BASE_URL: 'http://127.0.0.1:9',
      DO_OAUTH_BASE_URL: 'http://127.0.0.1:9',
      DO_CLIENT_ID: 'test-client',
      DO_CLIENT_SECRET: 'test-secret',
      GATEWAY_ARTIFACT_URL: `${base}vibe-gateway-0.1.0-linux-x64.tar.gz`,
      GATEWAY_SIGNING_PUBLIC_KEY: pem,
    },
    put,
    async publish(version, options = {}) {
      const manifest = {
        version,
        schema_version: '1',
        sha256: SHA256,
        size: 4096,
        node: '20.20.2',
        ...options.manifest,
      };
      await put('manifest.json', JSON.stringify(manifest));
      const signature = options.signature === undefined ? SIGNATURE : options.signature;
      if (signature !== null) await put(`vibe-gateway-${version}-linux-x64.tar.gz.sig`, signature);
    },
    async requests() {
      return (await (await fetch(`${host}/_requests${prefix}`)).json()) as string[];
    },
  };
}

/** A request through the app with `vars` over the test env (the cloud settings of one release host). */
export async function callWith(
  vars: Record<string, unknown>,
  path: string,
  cookie: string,
  init: BrowserInit = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(browserRequest(path, cookie, init), { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
