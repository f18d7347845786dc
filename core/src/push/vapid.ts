/**
 * VAPID (RFC 8292): the push service learns which application server sends, and refuses anyone else for that
 * subscription, from a short ES256 JWT over the push service's origin and the key the browser subscribed with.
 */
import { bytesToBase64Url } from '@vibecode/schemas/encoding';
import type { PushConfig } from './push-config.ts';

/** How long a token is good for: push services refuse more than 24 h; 12 h leaves room for a skewed clock. */
const TOKEN_LIFETIME_S = 12 * 60 * 60;

const text = new TextEncoder();

/** The `Authorization` header for a push to `endpoint`, signed at `now` (epoch ms). */
export async function vapidAuthorization(
  config: Pick<PushConfig, 'privateJwk' | 'publicKey' | 'subject'>,
  endpoint: string,
  now: number,
): Promise<string> {
  const header = encodeJson({ typ: 'JWT', alg: 'ES256' });
  const claims = encodeJson({
    aud: new URL(endpoint).origin,
    exp: Math.floor(now / 1000) + TOKEN_LIFETIME_S,
    sub: config.subject,
  });
  const key = await crypto.subtle.importKey('jwk', config.privateJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
  ]);
  // Web Crypto's ECDSA signature is already JWS's form for ES256: r ‖ s, 64 bytes.
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    text.encode(`${header}.${claims}`),
  );
  return `vapid t=${header}.${claims}.${bytesToBase64Url(new Uint8Array(signature))}, k=${config.publicKey}`;
}

function encodeJson(value: object): string {
  return bytesToBase64Url(text.encode(JSON.stringify(value)));
}
