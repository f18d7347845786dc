/**
 * Fuzz of the binary frame codec (the hub routes on its header, every viewer orders output by its seq): whatever
 * bytes arrive, decoding answers a frame or a typed error and never throws, and what it accepts re-encodes to the
 * very same bytes, so the hub's relay cannot alter a frame it forwards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters, fuzzTimeout } from '../test/fuzz/settings.ts';
import { decodeFrame, encodeOutputFrame, FRAME_HEADER_BYTES } from './frame.ts';
import { MAX_U32 } from './limits.ts';
import { protocolErrorCodes } from './protocol-error.ts';

/** Headers the decoder must tell apart: valid, kind 0 or unknown, session 0, seq 0 and the u32 edges. */
const header = fc.tuple(
  fc.constantFrom(0x00, 0x01, 0x02, 0x7f, 0xff),
  fc.constantFrom(0, 1, 2, MAX_U32 - 1, MAX_U32),
  fc.constantFrom(0, 1, 2, 0x7fff_ffff, 0x8000_0000, MAX_U32),
);

const frameBytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.tuple(header, fc.uint8Array({ maxLength: 256 })).map(([[kind, session, seq], payload]) => {
    const bytes = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
    const view = new DataView(bytes.buffer);
    view.setUint8(0, kind);
    view.setUint32(1, session);
    view.setUint32(5, seq);
    bytes.set(payload, FRAME_HEADER_BYTES);
    return bytes;
  }),
);

describe('binary frame codec under fuzz', () => {
  it(
    'answers any bytes with a frame that re-encodes to them, or a typed error',
    () => {
      fc.assert(
        fc.property(frameBytes, (bytes) => {
          const copy = bytes.slice();
          const result = decodeFrame(bytes);
          expect(bytes).toEqual(copy);
          if (result.ok) {
            const { sessionNumber, seq, payload } = result.value;
            expect(encodeOutputFrame(sessionNumber, seq, payload)).toEqual(bytes);
            expect(payload.buffer).toBe(bytes.buffer);
          } else {
            expect(protocolErrorCodes).toContain(result.error.code);
            expect(result.error.message).not.toBe('');
          }
        }),
        fuzzParameters(300),
      );
    },
    fuzzTimeout(),
  );

  it(
    'decodes a frame the same wherever it sits in a larger buffer',
    () => {
      fc.assert(
        fc.property(frameBytes, fc.nat({ max: 16 }), fc.nat({ max: 16 }), (bytes, before, after) => {
          const buffer = new Uint8Array(before + bytes.length + after).fill(0xa5);
          buffer.set(bytes, before);
          const inside = decodeFrame(buffer.subarray(before, before + bytes.length));
          expect(inside).toEqual(decodeFrame(bytes.slice()));
        }),
        fuzzParameters(300),
      );
    },
    fuzzTimeout(),
  );

  // Found by the first property: seq 0 decoded, so the hub relayed a frame no encoder could have built.
  it('regression: refuses a frame with seq 0 as frame.invalid_seq', () => {
    const frame = new Uint8Array([0x01, 0, 0, 0, 1, 0, 0, 0, 0, 0x61]);
    expect(decodeFrame(frame)).toMatchObject({ ok: false, error: { code: 'frame.invalid_seq' } });
  });

  it(
    'encodes only u32 ids, refusing anything else with a RangeError',
    () => {
      const id = fc.oneof(
        fc.integer({ min: 1, max: MAX_U32 }),
        fc.constantFrom(0, -1, 0.5, MAX_U32 + 1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, -0),
        fc.double(),
      );
      const isU32 = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_U32;
      fc.assert(
        fc.property(id, id, fc.uint8Array({ maxLength: 32 }), (sessionNumber, seq, payload) => {
          if (isU32(sessionNumber) && isU32(seq)) {
            const decoded = decodeFrame(encodeOutputFrame(sessionNumber, seq, payload));
            expect(decoded).toMatchObject({ ok: true, value: { sessionNumber, seq } });
          } else {
            expect(() => encodeOutputFrame(sessionNumber, seq, payload)).toThrow(RangeError);
          }
        }),
        fuzzParameters(300),
      );
    },
    fuzzTimeout(),
  );
});
