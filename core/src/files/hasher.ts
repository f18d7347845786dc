/** An incremental SHA-256, so a relay can check a file's digest without holding the file. */
export interface Hasher {
  update(bytes: Uint8Array): Promise<void>;
  hex(): Promise<string>;
}

export function toHex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
