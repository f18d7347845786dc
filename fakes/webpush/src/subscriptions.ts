/**
 * The subscriptions the stand-in has handed out, as a push service knows them: an unguessable endpoint per
 * subscription, the applicationServerKey it is restricted to, and — standing in for the browser — the key pair and
 * auth secret that decrypt its messages. Kept in memory, never forgotten before close (reset keeps them too).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { ReceiverKeys } from './aes128gcm.ts';
import { decodeBase64url, encodeBase64url, publicKeyFromRaw, rawPublicKey } from './keys.ts';

/** What `pushManager.subscribe()` resolves to, as `PushSubscription.toJSON()` shows it. */
export interface PushSubscriptionJSON {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export interface Subscription {
  id: string;
  endpoint: string;
  applicationServerKey: Buffer;
  receiver: ReceiverKeys;
  expired: boolean;
}

/** A bound on what a long local run may create; past it `create` throws. */
export const MAX_SUBSCRIPTIONS = 10_000;

export class Subscriptions {
  private readonly byId = new Map<string, Subscription>();

  constructor(private readonly baseUrl: string) {}

  /** Throws when the key is not base64url of a 65-byte uncompressed P-256 point (the browser's own check). */
  create(applicationServerKey: string): PushSubscriptionJSON {
    const key = typeof applicationServerKey === 'string' ? decodeBase64url(applicationServerKey) : undefined;
    if (!key || !publicKeyFromRaw(key)) {
      throw new Error('applicationServerKey must be base64url of a 65-byte uncompressed P-256 public key');
    }
    if (this.byId.size >= MAX_SUBSCRIPTIONS) throw new Error(`at most ${MAX_SUBSCRIPTIONS} subscriptions`);
    const id = encodeBase64url(randomBytes(24));
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const subscription: Subscription = {
      id,
      endpoint: `${this.baseUrl}/push/${id}`,
      applicationServerKey: key,
      receiver: { privateKey, publicKey: rawPublicKey(publicKey), auth: randomBytes(16) },
      expired: false,
    };
    this.byId.set(id, subscription);
    return toJSON(subscription);
  }

  get(id: string): Subscription | undefined {
    return this.byId.get(id);
  }

  /** Later pushes answer 410. Throws for an endpoint the stand-in never handed out. */
  expire(endpoint: string): void {
    const prefix = `${this.baseUrl}/push/`;
    const subscription = endpoint.startsWith(prefix) ? this.byId.get(endpoint.slice(prefix.length)) : undefined;
    if (!subscription) throw new Error(`no subscription with endpoint ${endpoint}`);
    subscription.expired = true;
  }
}

function toJSON(subscription: Subscription): PushSubscriptionJSON {
  return {
    endpoint: subscription.endpoint,
    expirationTime: null,
    keys: {
      p256dh: encodeBase64url(subscription.receiver.publicKey),
      auth: encodeBase64url(subscription.receiver.auth),
    },
  };
}
