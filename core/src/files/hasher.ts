/** An incremental SHA-256, so a relay can check a file's digest without holding the file. */
export interface Hasher {
  update(bytes: Uint8Array): Promise<void>;
  hex(): Promise<string>;
}
