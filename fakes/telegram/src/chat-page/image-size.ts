/**
 * The width and height of a PNG or JPEG, read from its header. A photo message carries its size (`PhotoSize`), and
 * Telegram only turns PNGs and JPEGs into photos; anything else the page sends goes as a document.
 */
export interface ImageSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** JPEG start-of-frame markers (C0–CF) carry the size; C4, C8 and CC are other segments in that range. */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);

function pngSize(data: Buffer): ImageSize | undefined {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (data.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

function jpegSize(data: Buffer): ImageSize | undefined {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let pos = 2;
  while (pos + 9 <= data.length) {
    if (data[pos] !== 0xff) return undefined;
    const marker = data[pos + 1] as number;
    if (isStartOfFrame(marker)) return { width: data.readUInt16BE(pos + 7), height: data.readUInt16BE(pos + 5) };
    pos += 2 + data.readUInt16BE(pos + 2);
  }
  return undefined;
}

/** The image's size, or undefined when it is not a PNG or JPEG this can read (or says it is 0 wide or high). */
export function imageSize(data: Buffer): ImageSize | undefined {
  const size = pngSize(data) ?? jpegSize(data);
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}
