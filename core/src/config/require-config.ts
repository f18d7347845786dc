/**
 * Validates the Worker's configuration once per env object and puts it on the context. A Worker with a
 * missing or malformed secret answers every request with a typed 500 and logs which settings are wrong
 * (names only), instead of running with half a configuration.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../http/api-error.ts';
import { type Config, ConfigError, parseConfig } from './config.ts';

const parsed = new WeakMap<object, Config | ConfigError>();

function configFor(env: object): Config | ConfigError {
  let result = parsed.get(env);
  if (!result) {
    try {
      result = parseConfig(env as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      result = error;
    }
    parsed.set(env, result);
  }
  return result;
}

export const requireConfig: MiddlewareHandler<AppEnv> = async (c, next) => {
  const config = configFor(c.env);
  if (config instanceof ConfigError) {
    c.get('log').error('configuration invalid: refusing requests', { problems: config.problems });
    throw new ApiError(500, 'config.invalid', 'the server is not configured');
  }
  c.set('config', config);
  await next();
};
