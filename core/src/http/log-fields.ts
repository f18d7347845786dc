/** Adds correlation ids to the request's logger, so later lines (and the access-log line) carry them. */

import type { LogFields } from '@vibecode/schemas/log';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';

export function addLogFields(c: Context<AppEnv>, fields: LogFields): void {
  c.set('log', c.get('log').child(fields));
}
