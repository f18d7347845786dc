/**
 * Web Push settings, read from the env by both the Worker's routes and the hubs that send (a hub runs without the
 * Worker's config check). Optional like the cloud settings: without `VAPID_PRIVATE_KEY` this server sends no push
 * (`GET /api/push/key` says so with a null key and the web offers only its own notifications); a malformed one is
 * reported by name, never by value, and also sends nothing. The key pair is in the form `npx web-push
 * generate-vapid-keys` prints it:
 *
 * - `VAPID_PUBLIC_KEY`: the P-256 public key, base64url of its uncompressed point (65 bytes): the browsers'
 *   applicationServerKey.
 * - `VAPID_PRIVATE_KEY` (secret): its private scalar, base64url (32 bytes): what signs each push (RFC 8292).
 * - `VAPID_SUBJECT`: how a push service reaches the operator, a `mailto:` or `https:` URL; default PUBLIC_URL when
 *   it is https.
 * - `PUSH_SERVICE_ORIGINS`: the push services a browser's subscription may point at, space-separated origins where
 *   a host may start with `*.`; default the services of Chrome, Firefox, Safari and Edge. Anything else is refused
 *   when subscribing, so the Worker never POSTs to an address a client chose. Outside local mode only https.
 */
import { base64ToBytes, bytesToBase64Url } from '@vibecode/schemas/encoding';
import type { Logger } from '@vibecode/schemas/log';
import { type RawConfig, text } from '../config/setting-values.ts';
import { isLoopbackHostname } from '../http/loopback.ts';
import browserPushServices from './browser-push-services.json' with { type: 'json' };

/** The VAPID key pair as Web Crypto imports a private key. */
export interface VapidJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
}

export interface PushConfig {
  /** The VAPID key as a JWK: imported when sending. */
  privateJwk: VapidJwk;
  /** Its public half, base64url of the uncompressed point: the browser's applicationServerKey. */
  publicKey: string;
  subject: string;
  /** Allowed push-service origins; a `*.` host matches any subdomain of what follows. */
  serviceOrigins: readonly string[];
}

export type PushSettings = { ok: true; value: PushConfig } | { ok: false; problems: string[] };

/** The browsers' own push services (JSON, so `npm start`'s boot script extends the same list with the stand-in). */
export const DEFAULT_PUSH_SERVICE_ORIGINS: readonly string[] = browserPushServices;

const parsed = new WeakMap<object, PushSettings>();

/**
 * The settings of this env, parsed once per env object (the Worker's and a hub's env live as long as the isolate).
 * Settings that are there but wrong are logged by name when parsed: otherwise an operator's typo would only show as
 * pushes that never come.
 */
export function pushSettings(env: object, log: Logger): PushSettings {
  let settings = parsed.get(env);
  if (settings === undefined) {
    settings = parsePushConfig(env as RawConfig);
    parsed.set(env, settings);
    if (!settings.ok && settings.problems.length > 0) {
      log.error('push settings invalid: sending no push', { problems: settings.problems });
    }
  }
  return settings;
}

export function parsePushConfig(raw: RawConfig): PushSettings {
  const keyText = text(raw, 'VAPID_PRIVATE_KEY');
  if (keyText === undefined) return { ok: false, problems: [] };
  const problems: string[] = [];
  const local = text(raw, 'APP_ENV') === 'local';
  const key = parseKeyPair(keyText, text(raw, 'VAPID_PUBLIC_KEY'), problems);
  const subject = parseSubject(raw, problems);
  const serviceOrigins = parseOrigins(raw, local, problems);
  if (key === null || subject === null || problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ...key, subject, serviceOrigins } };
}

/** Whether `endpoint` is at one of the allowed push services (its origin, a `*.` host matching any subdomain). */
export function allowedEndpoint(config: Pick<PushConfig, 'serviceOrigins'>, endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return config.serviceOrigins.some((allowed) => {
    const pattern = new URL(allowed.replace('//*.', '//wildcard.'));
    if (pattern.protocol !== url.protocol || pattern.port !== url.port) return false;
    if (!allowed.includes('//*.')) return pattern.hostname === url.hostname;
    return url.hostname.endsWith(pattern.hostname.slice('wildcard'.length));
  });
}

/** The pair as the JWK Web Crypto imports: the public point's coordinates beside the private scalar. */
function parseKeyPair(
  privateText: string,
  publicText: string | undefined,
  problems: string[],
): Pick<PushConfig, 'privateJwk' | 'publicKey'> | null {
  const d = base64ToBytes(privateText);
  if (d?.length !== 32) problems.push('VAPID_PRIVATE_KEY must be a P-256 private key: 32 bytes, base64url');
  const point = publicText === undefined ? null : base64ToBytes(publicText);
  if (point?.length !== 65 || point[0] !== 4) {
    problems.push('VAPID_PUBLIC_KEY must be a P-256 public key: its 65-byte uncompressed point, base64url');
  }
  if (d?.length !== 32 || point?.length !== 65 || point[0] !== 4) return null;
  return {
    privateJwk: {
      kty: 'EC',
      crv: 'P-256',
      x: bytesToBase64Url(point.slice(1, 33)),
      y: bytesToBase64Url(point.slice(33)),
      d: bytesToBase64Url(d),
    },
    publicKey: bytesToBase64Url(point),
  };
}

function parseSubject(raw: RawConfig, problems: string[]): string | null {
  const publicUrl = text(raw, 'PUBLIC_URL');
  const subject = text(raw, 'VAPID_SUBJECT') ?? (publicUrl?.startsWith('https://') ? publicUrl : undefined);
  if (subject === undefined) {
    problems.push('VAPID_SUBJECT is missing (a mailto: or https: URL; PUBLIC_URL serves when it is https)');
    return null;
  }
  if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(subject)) {
    problems.push('VAPID_SUBJECT must be a mailto: or https: URL');
    return null;
  }
  return subject;
}

function parseOrigins(raw: RawConfig, local: boolean, problems: string[]): string[] {
  const value = text(raw, 'PUSH_SERVICE_ORIGINS');
  if (value === undefined) return [...DEFAULT_PUSH_SERVICE_ORIGINS];
  const origins = value.split(/[\s,]+/).filter((origin) => origin !== '');
  for (const origin of origins) {
    if (!validOrigin(origin, local)) {
      problems.push(
        `PUSH_SERVICE_ORIGINS must list origins (https${local ? ', or http on a loopback host' : ''}; a host may start with *.)`,
      );
      return [];
    }
  }
  return origins;
}

function validOrigin(origin: string, local: boolean): boolean {
  let url: URL;
  try {
    url = new URL(origin.replace('//*.', '//wildcard.'));
  } catch {
    return false;
  }
  if (url.origin !== origin.replace('//*.', '//wildcard.')) return false;
  if (url.protocol === 'https:') return true;
  return local && url.protocol === 'http:' && isLoopbackHostname(url.hostname) && !origin.includes('*');
}
