/**
 * The test-only control path, `/_localcloud/*`. DigitalOcean has nothing like it; clients under test must never
 * call it, only their tests do:
 *   POST   /_localcloud/faults              {path_prefix, status, count?, method?, retry_after?} → 201
 *   DELETE /_localcloud/faults              → 204
 *   POST   /_localcloud/boot-holds          {count} → 201 (the next `count` droplets never start their gateway)
 *   DELETE /_localcloud/boot-holds          → 204
 *   GET    /_localcloud/requests            → {requests: [{method, path, query, body}]} (secrets redacted)
 *   GET    /_localcloud/droplets/:id/machine → {sandbox, tmux_socket, running, pid, install}
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BootHolds } from './boot-holds.ts';
import type { Cloud } from './cloud.ts';
import type { Faults } from './faults.ts';
import { HttpError, parseJson, sendEmpty, sendJson } from './http.ts';

/** Only the newest requests are kept; older ones are dropped first. */
export const MAX_RECORDED_REQUESTS = 500;
const SECRET_PARAMS = new Set(['client_secret', 'code', 'refresh_token', 'token']);

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body of an API request; for OAuth requests the form parameters, with secrets replaced. */
  body: unknown;
}

export class RequestLog {
  private entries: RecordedRequest[] = [];

  add(req: IncomingMessage, url: URL, body: string): void {
    const redact = (params: Iterable<[string, string]>) =>
      Object.fromEntries([...params].map(([k, v]) => [k, SECRET_PARAMS.has(k) ? '[redacted]' : v]));
    let parsed: unknown = null;
    if (url.pathname.startsWith('/v1/')) parsed = redact(new URLSearchParams(body));
    else if (body !== '') {
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = body;
      }
    }
    this.entries.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: redact(url.searchParams),
      body: parsed,
    });
    if (this.entries.length > MAX_RECORDED_REQUESTS) this.entries.shift();
  }

  all(): RecordedRequest[] {
    return structuredClone(this.entries);
  }
}

export function createControlHandler(deps: {
  faults: Faults;
  bootHolds: BootHolds;
  requestLog: RequestLog;
  cloud: Cloud;
}) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<boolean> {
    if (!url.pathname.startsWith('/_localcloud/')) return false;
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /_localcloud/faults') {
      const fault = deps.faults.add(parseJson(body));
      if (typeof fault === 'string') throw new HttpError(400, 'bad_request', fault);
      sendJson(res, 201, { fault });
    } else if (route === 'DELETE /_localcloud/faults') {
      deps.faults.clear();
      sendEmpty(res, 204);
    } else if (route === 'POST /_localcloud/boot-holds') {
      const count = deps.bootHolds.set(parseJson(body));
      if (typeof count === 'string') throw new HttpError(400, 'bad_request', count);
      sendJson(res, 201, { boot_holds: { count } });
    } else if (route === 'DELETE /_localcloud/boot-holds') {
      deps.bootHolds.clear();
      sendEmpty(res, 204);
    } else if (route === 'GET /_localcloud/requests') {
      sendJson(res, 200, { requests: deps.requestLog.all() });
    } else {
      const m = /^GET \/_localcloud\/droplets\/([0-9]+)\/machine$/.exec(route);
      const machine = m ? deps.cloud.machine(Number(m[1])) : undefined;
      if (!machine) throw new HttpError(404, 'not_found', 'No such droplet machine.');
      sendJson(res, 200, {
        sandbox: machine.sandbox,
        tmux_socket: machine.tmuxSocket,
        running: machine.running,
        pid: machine.pid ?? null,
        install: machine.installState,
      });
    }
    return true;
  };
}
