/** Shared by localcloud's tests: a started localcloud in a temp dir, and a token through the real OAuth flow. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerConsent, type LocalCloud, type LocalCloudOptions, silentLogger, startLocalCloud } from '../src/index.ts';

export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'test-secret';
export const REDIRECT_URI = 'http://127.0.0.1:9/api/cloud/callback';
export const STAND_IN_GATEWAY = join(import.meta.dirname, 'fixtures', 'stand-in-gateway.mjs');

export interface Harness {
  cloud: LocalCloud;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startHarness(options: Partial<LocalCloudOptions> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'localcloud-test-'));
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      dataDir,
      bootDelayMs: 50,
      actionDelayMs: 50,
      testGatewayCommand: [process.execPath, STAND_IN_GATEWAY],
      log: silentLogger,
      ...options,
    });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    cloud,
    dataDir,
    async stop() {
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function consent(
  cloud: LocalCloud,
  state: string,
  decision: 'approve' | 'deny' = 'approve',
  scope = 'read write',
): Promise<URL> {
  const query = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope,
    state,
  });
  return answerConsent(`${cloud.url}/v1/oauth/authorize?${query}`, decision);
}

/** A token granted `scope` (a full `read write` grant unless told). */
export async function accessToken(cloud: LocalCloud, scope = 'read write'): Promise<string> {
  const code = (await consent(cloud, 'state-1', 'approve', scope)).searchParams.get('code') as string;
  const res = await fetch(`${cloud.url}/v1/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uri: REDIRECT_URI,
    }),
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A reply body as the tests read it: its shape is what the assertions check, so it is deliberately untyped. */
// biome-ignore lint/suspicious/noExplicitAny: assertions, not the type system, check reply shapes in tests
export const json = (res: Response): Promise<any> => res.json();
