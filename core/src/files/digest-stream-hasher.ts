/** The workerd implementation of `Hasher`, on `crypto.DigestStream` (WebCrypto has no incremental digest). */
import { bytesToHex } from '@vibecode/schemas/encoding';
import type { Hasher } from './hasher.ts';

export function digestStreamHasher(): Hasher {
  const stream = new crypto.DigestStream('SHA-256');
  const writer = stream.getWriter();
  return {
    update: (bytes) => writer.write(bytes),
    async hex() {
      await writer.close();
      return bytesToHex(new Uint8Array(await stream.digest));
    },
  };
}
