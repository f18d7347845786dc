/**
 * `POST /push/<id>`: one push request checked the way a push service checks it, in this order — the subscription
 * (404 unknown, 410 expired), VAPID (401/403), the RFC 8030 headers (400), the content coding (400), the size (413),
 * and finally decryption with the subscription's keys (400). Only a request that passes everything is a message.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { decryptAes128gcm } from './aes128gcm.ts';
import { badRequest, PushError } from './errors.ts';
import type { ReadBody } from './http.ts';
import { readPushHeaders, type Urgency } from './push-headers.ts';
import type { Subscriptions } from './subscriptions.ts';
import { type VapidClaims, verifyVapid } from './vapid.ts';

/** RFC 8030 §7.2: a push service must accept payloads up to 4096 bytes; this one accepts no more. */
export const MAX_PAYLOAD_BYTES = 4096;

export interface ReceivedPush {
  endpoint: string;
  ttl: number;
  urgency: Urgency;
  topic: string | null;
  /** The decrypted payload as UTF-8; null for a push without a body. */
  payload: string | null;
  vapid: VapidClaims;
  /** Epoch ms. */
  at: number;
}

export interface PushRouteDeps {
  subscriptions: Subscriptions;
  /** The stand-in's origin, which VAPID's `aud` must name. */
  origin: string;
  now(): number;
}

export function acceptPush(
  deps: PushRouteDeps,
  id: string,
  headers: IncomingHttpHeaders,
  body: ReadBody,
): ReceivedPush {
  const subscription = deps.subscriptions.get(id);
  if (!subscription) throw new PushError(404, 'no such subscription');
  if (subscription.expired) throw new PushError(410, 'subscription expired or unsubscribed');
  const at = deps.now();
  const vapid = verifyVapid(headers.authorization, {
    key: subscription.applicationServerKey,
    origin: deps.origin,
    now: at,
  });
  const { ttl, urgency, topic } = readPushHeaders(headers);

  let payload: string | null = null;
  if (body.size > 0) {
    const encoding = headers['content-encoding']?.trim().toLowerCase();
    if (encoding !== 'aes128gcm') throw badRequest('Content-Encoding must be aes128gcm');
    if (body.size > MAX_PAYLOAD_BYTES) {
      throw new PushError(413, `payload is ${body.size} bytes, more than ${MAX_PAYLOAD_BYTES}`);
    }
    payload = decryptAes128gcm(body.bytes, subscription.receiver).toString('utf8');
  }
  return { endpoint: subscription.endpoint, ttl, urgency, topic, payload, vapid, at };
}
