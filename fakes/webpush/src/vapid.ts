/**
 * VAPID (RFC 8292) as a push service checks it: `Authorization: vapid t=<JWT>, k=<public key>`. A header that is
 * missing or cannot be read is 401; one that reads but does not hold — wrong key, bad signature, wrong audience,
 * expired or too far ahead, no contact — is 403, as RFC 8292 §4.2 and FCM answer.
 */
import { timingSafeEqual, verify } from 'node:crypto';
import { forbidden, unauthorized } from './errors.ts';
import { decodeBase64url, publicKeyFromRaw } from './keys.ts';

export interface VapidClaims {
  aud: string;
  sub: string;
  exp: number;
}

export interface VapidExpectation {
  /** The subscription's applicationServerKey, 65 raw bytes. */
  key: Buffer;
  /** The push resource's origin, which `aud` must name. */
  origin: string;
  /** Epoch ms. */
  now: number;
}

/** RFC 8292 §2: a token valid for more than 24 hours is refused. */
export const MAX_EXP_AHEAD_SECONDS = 24 * 60 * 60;

const SCHEME = /^vapid\s+(.*)$/is;

/** `t=…, k=…` in either order; parameter names case-insensitive, values as sent. */
function readParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) throw unauthorized('authorization must be "vapid t=<jwt>, k=<key>"');
    params.set((m[1] as string).toLowerCase(), m[2] as string);
  }
  return params;
}

function readJsonPart(part: string): Record<string, unknown> {
  const bytes = decodeBase64url(part);
  let value: unknown;
  try {
    value = bytes && JSON.parse(bytes.toString('utf8'));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unauthorized('malformed vapid token');
  return value as Record<string, unknown>;
}

function isContact(sub: unknown): sub is string {
  if (typeof sub !== 'string') return false;
  try {
    const url = new URL(sub);
    if (url.protocol === 'mailto:') return url.pathname.length > 0;
    return url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function verifyVapid(header: string | undefined, expect: VapidExpectation): VapidClaims {
  if (!header) throw unauthorized('missing authorization');
  const scheme = SCHEME.exec(header.trim());
  if (!scheme) throw unauthorized('authorization must be "vapid t=<jwt>, k=<key>"');
  const params = readParams(scheme[1] as string);
  const token = params.get('t');
  const keyText = params.get('k');
  if (!token || !keyText) throw unauthorized('authorization must be "vapid t=<jwt>, k=<key>"');

  const keyBytes = decodeBase64url(keyText);
  const key = keyBytes && publicKeyFromRaw(keyBytes);
  if (!keyBytes || !key) throw unauthorized('malformed vapid key: not a P-256 public key');
  const parts = token.split('.');
  if (parts.length !== 3) throw unauthorized('malformed vapid token');
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  const jwtHeader = readJsonPart(headerPart);
  const claims = readJsonPart(claimsPart);
  const signature = decodeBase64url(signaturePart);
  if (!signature) throw unauthorized('malformed vapid token');

  if (keyBytes.length !== expect.key.length || !timingSafeEqual(keyBytes, expect.key)) {
    throw forbidden('vapid key does not match the subscription');
  }
  if (jwtHeader.alg !== 'ES256' || (jwtHeader.typ !== undefined && jwtHeader.typ !== 'JWT')) {
    throw forbidden('vapid token must be a JWT signed with ES256');
  }
  // JWS ES256 signatures are raw r ‖ s (RFC 7518 §3.4), not DER.
  const signed = Buffer.from(`${headerPart}.${claimsPart}`, 'ascii');
  if (signature.length !== 64 || !verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature)) {
    throw forbidden('vapid signature does not verify');
  }
  if (claims.aud !== expect.origin) throw forbidden(`vapid aud must be ${expect.origin}`);
  const { exp } = claims;
  const now = Math.floor(expect.now / 1000);
  if (typeof exp !== 'number' || !Number.isInteger(exp)) throw forbidden('vapid exp must be an integer');
  if (exp <= now) throw forbidden('vapid token expired');
  if (exp > now + MAX_EXP_AHEAD_SECONDS) throw forbidden('vapid exp is more than 24 hours ahead');
  if (!isContact(claims.sub)) throw forbidden('vapid sub must be a mailto: or https: URL');
  return { aud: claims.aud, sub: claims.sub, exp };
}
