/**
 * One Web Push to one browser (RFC 8030 §5): the message encrypted for its subscription, signed with VAPID, POSTed
 * to its push service. The outcome is a typed value: `gone` (404/410: the browser unsubscribed or the subscription
 * expired) tells the caller to forget the subscription; a failure is logged and the message is lost (the web's
 * feed still shows the item).
 */
import type { PushMessage } from '@vibecode/schemas';
import { base64ToBytes } from '@vibecode/schemas/encoding';
import { encryptPayload } from './payload-encryption.ts';
import type { PushConfig } from './push-config.ts';
import { vapidAuthorization } from './vapid.ts';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** RFC 8030's delivery headers: how long the service keeps it, how urgently it wakes a device, what it replaces. */
export interface PushDelivery {
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
  /** A newer push with the same topic replaces one the service still holds (≤ 32 base64url characters). */
  topic: string;
}

export type PushOutcome = { kind: 'sent' } | { kind: 'gone' } | { kind: 'failed'; reason: string };

export async function sendPush(
  config: Pick<PushConfig, 'privateJwk' | 'publicKey' | 'subject'>,
  target: PushTarget,
  message: PushMessage,
  delivery: PushDelivery,
  now: number,
): Promise<PushOutcome> {
  const p256dh = base64ToBytes(target.p256dh);
  const auth = base64ToBytes(target.auth);
  if (p256dh?.length !== 65 || auth?.length !== 16) return { kind: 'failed', reason: 'malformed subscription keys' };
  const body = await encryptPayload(new TextEncoder().encode(JSON.stringify(message)), { p256dh, auth });
  let response: Response;
  try {
    response = await fetch(target.endpoint, {
      method: 'POST',
      // A push service answers; it never sends us elsewhere (an endpoint is a client's word, checked once).
      redirect: 'manual',
      headers: {
        Authorization: await vapidAuthorization(config, target.endpoint, now),
        'Content-Encoding': 'aes128gcm',
        'Content-Type': 'application/octet-stream',
        TTL: String(delivery.ttlSeconds),
        Urgency: delivery.urgency,
        Topic: delivery.topic,
      },
      body,
    });
  } catch (error) {
    return { kind: 'failed', reason: `unreachable: ${String(error)}` };
  }
  await response.body?.cancel();
  if (response.ok) return { kind: 'sent' };
  if (response.status === 404 || response.status === 410) return { kind: 'gone' };
  return { kind: 'failed', reason: `push service answered ${response.status}` };
}
