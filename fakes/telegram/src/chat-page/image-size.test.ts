import { expect, it } from 'vitest';
import { imageSize } from './image-size.ts';

/** A 1×1 PNG, as browsers and `convert` write it. */
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function jpeg(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x04, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof0, 0x00, 0x00, 0xff, 0xd9]);
}

it('reads the size of a PNG from its IHDR chunk', () => {
  expect(imageSize(ONE_PIXEL_PNG)).toEqual({ width: 1, height: 1 });
});

it('reads the size of a JPEG from its start-of-frame segment, past other segments', () => {
  expect(imageSize(jpeg(640, 480))).toEqual({ width: 640, height: 480 });
});

it('gives nothing for other files, truncated images and zero sizes', () => {
  expect(imageSize(Buffer.from('GIF89a....'))).toBeUndefined();
  expect(imageSize(Buffer.from('hello'))).toBeUndefined();
  expect(imageSize(ONE_PIXEL_PNG.subarray(0, 20))).toBeUndefined();
  expect(imageSize(jpeg(640, 480).subarray(0, 10))).toBeUndefined();
  expect(imageSize(jpeg(0, 480))).toBeUndefined();
  expect(imageSize(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0]))).toBeUndefined();
});
