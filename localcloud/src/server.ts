/**
 * `startLocalCloud`: one HTTP server on a loopback address serving DigitalOcean's OAuth (`/v1/oauth/*`) and API
 * (`/v2/*`) subsets, a droplet console page (`/droplets/:id/terminal/ui/`), plus the test-only control path
 * `/_localcloud/*` (fault injection, boot holds, recorded requests, droplet sandboxes). Options are validated here, once; nothing below reads the environment.
 */

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createLogger, type Logger } from '@vibecode/schemas/log';
import { createApiHandler } from './api.ts';
import { BootHolds } from './boot-holds.ts';
import { Cloud } from './cloud.ts';
import { createConsoleHandler } from './console.ts';
import { createControlHandler, type RecordedRequest, RequestLog } from './control.ts';
import { Faults, faultReply } from './faults.ts';
import { HttpError, readBody, sendJson } from './http.ts';
import { DROPLET_LIMIT } from './limits.ts';
import { createOAuthHandler } from './oauth.ts';
import { type Account, DEFAULT_TOKEN_TTL_SECONDS, OAuthStore } from './oauth-store.ts';
import { RateLimiter } from './rate-limit.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export interface LocalCloudOptions {
  /** OAuth client registered with this "DigitalOcean". Required: localcloud refuses to start without one. */
  clientId: string;
  clientSecret: string;
  /** Registered callback URLs; without them any http(s) URL on a loopback host is accepted. */
  redirectUris?: string[];
  port?: number;
  host?: string;
  /** Where droplet sandboxes live (default `<repo>/.localcloud`, ignored by git). */
  dataDir?: string;
  /**
   * Test-only: skip the install and run this argv as every droplet's gateway, with the `VIBE_CP_URL` and
   * `VIBE_BOOTSTRAP_TOKEN` its user_data sets (tests that need a process, not a gateway). Without it a droplet
   * installs the release its user_data names, with the user_data's own install script, and runs that.
   */
  testGatewayCommand?: string[];
  /** One VIBE_WORKSPACE_ROOT for every droplet's gateway (see `MachineSpec.workspaceRoot`); default per sandbox. */
  workspaceRoot?: string;
  /** How long a droplet stays `new` before it is `active` and its gateway boots (default 1500 ms). */
  bootDelayMs?: number;
  /** How long a power action stays `in-progress` before it takes effect (default 500 ms). */
  actionDelayMs?: number;
  /** Wait before restarting a gateway that exited by itself, every time it does (default 1000 ms). */
  gatewayRestartDelayMs?: number;
  /**
   * Test-only: extra environment for every droplet's gateway, as a systemd drop-in's `Environment=` would add on a
   * droplet (e.g. a short `VIBE_UPDATE_CONFIRM_S`). The sandbox's own paths win over it.
   */
  gatewayEnv?: Record<string, string>;
  /**
   * Droplets the account may have at once (default `DROPLET_LIMIT`, DigitalOcean's 10). Test-only: a test run that
   * shares one localcloud across many files (core's) raises it rather than depend on the order files run in.
   */
  dropletLimit?: number;
  /** Access token lifetime reported as `expires_in` and enforced on /v2 (default 30 days, as DigitalOcean). */
  tokenTtlSeconds?: number;
  account?: Partial<Account>;
  log?: Logger;
}

export interface LocalCloud {
  /** Base URL, e.g. `http://127.0.0.1:41234`: the OAuth base is `${url}/v1/oauth`, the API base is `url`. */
  url: string;
  dataDir: string;
  /** Requests received so far (newest last, bounded), secrets redacted. */
  requests(): RecordedRequest[];
  /** Stops every gateway and tmux server, removes the sandboxes and closes the server. */
  close(): Promise<void>;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`localcloud: ${name} must be a non-negative number`);
  return value;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`localcloud: ${name} must be a positive integer`);
  return value;
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  if (!options.clientId || !options.clientSecret) {
    throw new Error('localcloud: clientId and clientSecret are required');
  }
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolve(options.dataDir ?? join(REPO_ROOT, '.localcloud'));
  // stderr, so a parent that reads localcloud's stdout (the URL it prints) never sees log lines there.
  const log = options.log ?? createLogger({ service: 'localcloud' }, (line) => process.stderr.write(`${line}\n`));
  const account: Account = {
    name: options.account?.name ?? 'Local Developer',
    email: options.account?.email ?? 'developer@localcloud.test',
    uuid: options.account?.uuid ?? randomUUID(),
  };
  const store = new OAuthStore(
    account,
    Date.now,
    nonNegative('tokenTtlSeconds', options.tokenTtlSeconds, DEFAULT_TOKEN_TTL_SECONDS),
  );
  const bootHolds = new BootHolds();
  const cloud = new Cloud({
    dataDir,
    testGatewayCommand: options.testGatewayCommand,
    workspaceRoot: options.workspaceRoot === undefined ? undefined : resolve(options.workspaceRoot),
    bootDelayMs: nonNegative('bootDelayMs', options.bootDelayMs, 1500),
    actionDelayMs: nonNegative('actionDelayMs', options.actionDelayMs, 500),
    dropletLimit: positiveInteger('dropletLimit', options.dropletLimit, DROPLET_LIMIT),
    restartDelayMs: nonNegative('gatewayRestartDelayMs', options.gatewayRestartDelayMs, 1000),
    gatewayEnv: { ...options.gatewayEnv },
    bootHolds,
    log,
  });
  const faults = new Faults();
  const requestLog = new RequestLog();
  const oauth = createOAuthHandler(
    { clientId: options.clientId, clientSecret: options.clientSecret, redirectUris: options.redirectUris },
    store,
  );
  const api = createApiHandler({ cloud, store, limiter: new RateLimiter(Date.now), account });
  const control = createControlHandler({ faults, bootHolds, requestLog, cloud });
  const consolePage = createConsoleHandler(cloud);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `${host}`}`);
    const body = await readBody(req);
    if (await control(req, res, url, body)) return;
    requestLog.add(req, url, body);
    const fault = faults.take(req.method ?? 'GET', url.pathname);
    if (fault) {
      const reply = faultReply(fault, Date.now());
      return sendJson(res, reply.status, reply.body, reply.headers);
    }
    if (oauth(req, res, url, body)) return;
    if (consolePage(req, res, url)) return;
    if (await api(req, res, url, body)) return;
    throw new HttpError(404, 'not_found', 'The resource you were accessing could not be found.');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        return sendJson(res, err.status, { id: err.id, message: err.message }, err.headers);
      }
      log.error('request failed', { method: req.method, path: req.url?.split('?')[0], error: String(err) });
      if (!res.headersSent) sendJson(res, 500, { id: 'server_error', message: 'Unexpected server-side error' });
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info('localcloud listening', { url, data_dir: dataDir });

  return {
    url,
    dataDir,
    requests: () => requestLog.all(),
    async close() {
      await cloud.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
