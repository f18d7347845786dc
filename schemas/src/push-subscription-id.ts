/**
 * A Web Push subscription's id (schemas/api/push-subscription-id.json): base64url of the SHA-256 of its endpoint. The
 * server names a subscription by it, and a browser works out its own to forget it, without keeping anything.
 */
import { bytesToBase64Url } from './encoding.ts';

/** Web Crypto and TextEncoder, which every runtime this runs in has (workerd, browsers, Node): schemas names no runtime. */
const host = globalThis as unknown as {
  crypto: { subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> } };
  TextEncoder: new () => { encode(text: string): Uint8Array };
};

export async function pushSubscriptionId(endpoint: string): Promise<string> {
  const digest = await host.crypto.subtle.digest('SHA-256', new host.TextEncoder().encode(endpoint));
  return bytesToBase64Url(new Uint8Array(digest));
}
