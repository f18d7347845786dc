/** SHA-256 of a secret, as stored in D1 instead of the secret itself. */
import { bytesToHex } from '@vibecode/schemas/encoding';

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return bytesToHex(new Uint8Array(digest));
}
