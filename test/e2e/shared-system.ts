/**
 * The one system the e2e files of a vitest run share: `wrangler dev` serving the test build, with localcloud and a
 * signed gateway release behind the cloud vars (cloud.ts), a workspace root for local gateways (gateway.ts), a
 * support key and Web Push to a push-service stand-in. Booted by shared-system-host.ts (a global setup) the first time a file asks, stopped when the run
 * ends. A file that needs vars of its own or restarts the Worker boots its own with `startSystem` (system.ts).
 *
 * Files share it one after another, so each keeps to its own: its own user (an email address no other file signs
 * in with), its own VPS ids, session titles no other file uses (a session's folder is `<title slug>-<number>`
 * under the one workspace root), and never restarts or stops it.
 */
import { inject } from 'vitest';
import { executeSql } from '../../scripts/boot/index.mjs';
import type { System } from './system.ts';

/** What the host hands a file: plain data, the files run in other processes. */
export interface SharedSystemInfo {
  origin: string;
  /** wrangler's --persist-to: a file's `sql` runs against it from the file's own process. */
  state: string;
  workspaceRoot: string;
  cloudUrl: string;
  /** The Web Push service stand-in (fakes/webpush) the Worker may send to, besides browsers' own. */
  pushServiceUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where a file asks shared-system-host.ts for the shared system (loopback HTTP). */
    sharedSystemHost: string;
  }
}

export interface SharedSystem extends Pick<System, 'origin' | 'sql'> {
  /** The Worker's VPS_WORKSPACE_ROOT: give it to local gateways (gateway.ts) as their workspace root. */
  workspaceRoot: string;
  /** localcloud, which the Worker's DigitalOcean settings point at (connectDigitalOcean in cloud.ts). */
  cloudUrl: string;
  /** The Web Push stand-in: subscriptions made through its control path get the Worker's pushes, decrypted. */
  pushServiceUrl: string;
}

/** Resolves once the shared system serves; the first file to ask waits for its boot (call it in `beforeAll`). */
export async function sharedSystem(): Promise<SharedSystem> {
  const host = inject('sharedSystemHost');
  if (!host) throw new Error("no shared system: test/e2e's global setup (shared-system-host.ts) hosts it");
  const res = await fetch(host);
  const body = await res.text();
  if (!res.ok) throw new Error(`the shared system did not start:\n${body}`);
  const info = JSON.parse(body) as SharedSystemInfo;
  return {
    origin: info.origin,
    workspaceRoot: info.workspaceRoot,
    cloudUrl: info.cloudUrl,
    pushServiceUrl: info.pushServiceUrl,
    sql: (command) => executeSql({ persistTo: info.state, sql: command }),
  };
}
