import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeOutputFrame, FRAME_HEADER_BYTES, FrameKind } from './frame.ts';

const u32 = (min: number) => fc.integer({ min, max: 0xffff_ffff });

describe('binary frame codec', () => {
  it('round-trips any session number, seq and payload', () => {
    fc.assert(
      fc.property(u32(1), u32(1), fc.uint8Array({ maxLength: 4096 }), (sessionNumber, seq, payload) => {
        const decoded = decodeFrame(encodeOutputFrame(sessionNumber, seq, payload));
        expect(decoded).toEqual({ ok: true, value: { kind: FrameKind.TerminalOutput, sessionNumber, seq, payload } });
      }),
    );
  });

  it('lays out the header big-endian', () => {
    const frame = encodeOutputFrame(0x01020304, 0x0a0b0c0d, new Uint8Array([0xff]));
    expect([...frame]).toEqual([0x01, 1, 2, 3, 4, 0x0a, 0x0b, 0x0c, 0x0d, 0xff]);
  });

  it('decodes a frame that sits inside a larger buffer', () => {
    const frame = encodeOutputFrame(9, 3, new TextEncoder().encode('hi'));
    const padded = new Uint8Array(frame.length + 8);
    padded.set(frame, 4);
    const decoded = decodeFrame(padded.subarray(4, 4 + frame.length));
    expect(decoded.ok && new TextDecoder().decode(decoded.value.payload)).toBe('hi');
  });

  it('never throws on arbitrary bytes, and accepts only well-formed headers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const result = decodeFrame(bytes);
        const wellFormed =
          bytes.length >= FRAME_HEADER_BYTES &&
          bytes[0] === 0x01 &&
          (bytes[1] | bytes[2] | bytes[3] | bytes[4]) !== 0 &&
          (bytes[5] | bytes[6] | bytes[7] | bytes[8]) !== 0;
        expect(result.ok).toBe(wellFormed);
      }),
    );
  });

  it('reports a short frame', () => {
    expect(decodeFrame(new Uint8Array([1, 0, 0, 0, 1]))).toMatchObject({
      ok: false,
      error: { code: 'frame.too_short' },
    });
    expect(decodeFrame(new Uint8Array())).toMatchObject({ ok: false, error: { code: 'frame.too_short' } });
  });

  it('reports an unknown kind', () => {
    const frame = encodeOutputFrame(1, 1, new Uint8Array());
    frame[0] = 0x02;
    expect(decodeFrame(frame)).toMatchObject({
      ok: false,
      error: { code: 'frame.unknown_kind', message: expect.stringContaining('0x02') },
    });
  });

  it('reports session id 0', () => {
    const frame = new Uint8Array(FRAME_HEADER_BYTES);
    frame[0] = 0x01;
    expect(decodeFrame(frame)).toMatchObject({ ok: false, error: { code: 'frame.invalid_session' } });
  });

  it('refuses to encode ids outside u32 or zero', () => {
    expect(() => encodeOutputFrame(0, 1, new Uint8Array())).toThrow(RangeError);
    expect(() => encodeOutputFrame(1, 2 ** 32, new Uint8Array())).toThrow(RangeError);
    expect(() => encodeOutputFrame(1.5, 1, new Uint8Array())).toThrow(RangeError);
  });
});
