/**
 * The test-only control path, `/_fake/*`, for tests in other processes. No push service has it; the code under test
 * never calls it:
 *   POST /_fake/subscriptions {application_server_key} → 201 the PushSubscription JSON a browser would get
 *   GET  /_fake/messages                               → every accepted push, oldest first
 *   GET  /_fake/rejected                               → every refused request, oldest first
 *   POST /_fake/expire {endpoint}                      → 204; later pushes to it answer 410 (404 if unknown)
 *   POST /_fake/reset                                  → 204; forgets messages and rejections, keeps subscriptions
 * Errors are `{error: reason}` like the push path's (400 bad input, 404 unknown endpoint or path).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, PushError } from './errors.ts';
import { sendEmpty, sendJson } from './http.ts';

export interface ControlDeps {
  subscribe(applicationServerKey: string): unknown;
  messages(): unknown[];
  rejected(): unknown[];
  expire(endpoint: string): void;
  reset(): void;
}

function parseObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('body must be JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Runs `act`, turning the in-process API's thrown message into a control-path status. */
function as<T>(status: number, act: () => T): T {
  try {
    return act();
  } catch (err) {
    throw new PushError(status, err instanceof Error ? err.message : String(err));
  }
}

export function createControlHandler(deps: ControlDeps) {
  return function handle(req: IncomingMessage, res: ServerResponse, pathname: string, body: Buffer): void {
    const route = `${req.method} ${pathname}`;
    switch (route) {
      case 'POST /_fake/subscriptions': {
        const key = parseObject(body).application_server_key;
        if (typeof key !== 'string') throw badRequest('application_server_key must be a string');
        sendJson(
          res,
          201,
          as(400, () => deps.subscribe(key)),
        );
        break;
      }
      case 'GET /_fake/messages':
        sendJson(res, 200, deps.messages());
        break;
      case 'GET /_fake/rejected':
        sendJson(res, 200, deps.rejected());
        break;
      case 'POST /_fake/expire': {
        const { endpoint } = parseObject(body);
        if (typeof endpoint !== 'string') throw badRequest('endpoint must be a string');
        as(404, () => deps.expire(endpoint));
        sendEmpty(res, 204);
        break;
      }
      case 'POST /_fake/reset':
        deps.reset();
        sendEmpty(res, 204);
        break;
      default:
        throw new PushError(404, `no control endpoint ${route}`);
    }
  };
}
