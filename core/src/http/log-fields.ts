/** Adds correlation ids to the request's logger, so later lines (and the access-log line) carry them. */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { LogFields } from '../log.ts';

export function addLogFields(c: Context<AppEnv>, fields: LogFields): void {
  c.set('log', c.get('log').child(fields));
}
