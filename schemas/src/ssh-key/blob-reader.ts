/**
 * Reads the SSH wire format (RFC 4251 §5) of a public key blob: length-prefixed strings and mpints. Any overrun,
 * malformed number or trailing byte is an `InvalidSshKey`, which the parser turns into its typed error.
 */

/** Why a key was refused; thrown inside the parser only, never out of it. */
export class InvalidSshKey extends Error {
  override readonly name = 'InvalidSshKey';
}

/** Key type and curve names are ASCII. */
export const ascii = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

export class BlobReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly blob: Uint8Array) {
    this.view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  }

  string(): Uint8Array {
    if (this.pos + 4 > this.blob.byteLength) throw new InvalidSshKey('the key data is truncated');
    const length = this.view.getUint32(this.pos);
    this.pos += 4;
    if (this.pos + length > this.blob.byteLength) throw new InvalidSshKey('the key data is truncated');
    const out = this.blob.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** An mpint that must be positive, as a big-endian byte string without its leading zero. */
  positiveMpint(): Uint8Array {
    const raw = this.string();
    const [first = 0, second = 0] = raw;
    if (raw.byteLength === 0 || first & 0x80) throw new InvalidSshKey('the key has a bad number');
    if (raw.byteLength > 1 && first === 0 && !(second & 0x80)) throw new InvalidSshKey('the key has a bad number');
    return first === 0 ? raw.subarray(1) : raw;
  }

  end(): void {
    if (this.pos !== this.blob.byteLength) throw new InvalidSshKey('the key data has trailing bytes');
  }
}
