/**
 * Getting the gateway's credential: from the settings, from the state dir, or by trading the one-time
 * bootstrap token at `POST {cp}/api/gateways/register`. A droplet may boot before the control plane is
 * reachable, so failures are retried with backoff; a refused token (401) is retried slowly, and logged.
 */
import { type ApiRequest, validateApiResource } from '@vibecode/schemas';
import { type BackoffPolicy, backoffDelay } from '@vibecode/schemas/link';
import type { Logger } from '@vibecode/schemas/log';
import type { Config } from '../config.ts';
import { GatewayError } from '../errors.ts';
import { type GatewayCredential, readCredential, writeCredential } from './credential-store.ts';
import { LINK_BACKOFF } from './hub-connection.ts';
import { type PostJson, postJson } from './post-json.ts';

/** A refused bootstrap token will not become valid in a second: start slower. */
const REJECTED_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 30_000 };

/** One registration attempt: the credential, or why not (`rejected` when the control plane refused the token). */
export async function registerOnce(
  url: string,
  bootstrapToken: string,
  post: PostJson,
): Promise<{ ok: true; value: GatewayCredential } | { ok: false; rejected: boolean; message: string }> {
  let res: Awaited<ReturnType<PostJson>>;
  try {
    const request = { bootstrap_token: bootstrapToken } satisfies ApiRequest<'POST /api/gateways/register'>;
    res = await post(url, JSON.stringify(request), 15_000);
  } catch (e) {
    return { ok: false, rejected: false, message: `control plane unreachable: ${(e as Error).message}` };
  }
  const { body } = res;
  if (res.status === 200) {
    // The reply's own resource validator, not the route table's: that table would bring every route's response
    // validator into the gateway's bundle (~220 KB of source, ~0.5 MiB of RSS).
    const reply = validateApiResource('GatewayRegistration', body);
    if (reply.ok) return { ok: true, value: { gatewayId: reply.value.gateway_id, credential: reply.value.credential } };
    return { ok: false, rejected: false, message: `registration reply is malformed: ${reply.error.message}` };
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http.${res.status}`;
  return { ok: false, rejected: res.status === 401 || res.status === 403, message: `registration refused: ${code}` };
}

export interface ObtainOptions {
  post?: PostJson;
  random?: () => number;
  signal?: AbortSignal;
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/** Resolves to the credential, or undefined when `signal` aborts first. */
export async function obtainCredential(
  config: Config,
  log: Logger,
  options: ObtainOptions = {},
): Promise<GatewayCredential | undefined> {
  if (config.credential && config.gatewayId) return { gatewayId: config.gatewayId, credential: config.credential };
  const stored = await readCredential(config.stateDir);
  if (stored) return stored;
  if (!config.bootstrapToken) {
    throw new GatewayError(
      'config.invalid',
      'no credential: set VIBE_GATEWAY_CREDENTIAL and VIBE_GATEWAY_ID, or VIBE_BOOTSTRAP_TOKEN to register',
    );
  }
  const post = options.post ?? postJson;
  const random = options.random ?? Math.random;
  for (let attempt = 0; !options.signal?.aborted; attempt++) {
    const result = await registerOnce(config.registerUrl, config.bootstrapToken, post);
    if (result.ok) {
      await writeCredential(config.stateDir, result.value);
      log.info('registered', { gateway_id: result.value.gatewayId });
      return result.value;
    }
    const delay = backoffDelay(attempt, result.rejected ? REJECTED_BACKOFF : LINK_BACKOFF, random);
    log.warn('registration failed; retrying', { error: result.message, in_ms: delay });
    await sleep(delay, options.signal);
  }
  return undefined;
}
