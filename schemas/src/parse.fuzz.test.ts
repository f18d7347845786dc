/**
 * Fuzz of the JSON control frames (every WebSocket boundary parses text frames here): whatever text or value
 * arrives, the answer is a typed message or a typed error that points at something in the input; nothing throws,
 * the input is never changed, and what is accepted survives a trip over the wire unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examples } from '../test/examples.ts';
import { editedStrings, nearValid } from '../test/fuzz/near-valid.ts';
import { resolves } from '../test/fuzz/pointer.ts';
import { fuzzParameters, fuzzTimeout } from '../test/fuzz/settings.ts';
import type { ProtocolMessage } from './generated/types.ts';
import { MAX_TEXT_FRAME_BYTES, MAX_U32 } from './limits.ts';
import { parseTextFrame, validateMessage } from './parse.ts';
import { protocolErrorCodes } from './protocol-error.ts';
import type { Result } from './result.ts';

type Outcome = Result<ProtocolMessage, { code: string; message: string; path?: string }>;

/** The checks every answer passes, accepted or refused. */
function expectTyped(outcome: Outcome, input: unknown): void {
  if (outcome.ok) {
    expect(outcome.value).toBe(input);
    expect(parseTextFrame(JSON.stringify(input))).toEqual({ ok: true, value: input });
    return;
  }
  const { code, message, path } = outcome.error;
  expect(protocolErrorCodes).toContain(code);
  expect(typeof message === 'string' && message !== '').toBe(true);
  // An unknown type is reported at /type even when there is no type at all.
  if (path !== undefined && code !== 'protocol.unknown_type') expect(resolves(input, path)).toBe(true);
}

const isU32 = (n: number, min: number) => Number.isInteger(n) && n >= min && n <= MAX_U32;
const u32Edges = fc.oneof(
  fc.integer({ min: -2, max: 2 }),
  fc.integer({ min: MAX_U32 - 2, max: MAX_U32 + 2 }),
  fc.constantFrom(0.5, -0, 2 ** 53, 1e21, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

describe('text frames under fuzz', () => {
  it(
    'answers any text with a typed message or a typed error',
    () => {
      const cut = fc.constantFrom(...Object.values(examples)).map((e) => JSON.stringify(e.valid).slice(0, -1));
      const text = fc.oneof(fc.string({ unit: 'binary' }), fc.json(), cut);
      fc.assert(
        fc.property(text, (frame) => {
          const outcome = parseTextFrame(frame);
          let parsed: unknown;
          try {
            parsed = JSON.parse(frame);
          } catch {
            expect(outcome).toMatchObject({ ok: false, error: { code: 'protocol.invalid_json' } });
            return;
          }
          expect(outcome).toEqual(validateMessage(parsed));
        }),
        fuzzParameters(300),
      );
    },
    fuzzTimeout(),
  );

  it(
    'answers any value at all without throwing',
    () => {
      fc.assert(
        fc.property(
          fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true }),
          (value) => {
            expectTyped(validateMessage(value), value);
          },
        ),
        fuzzParameters(300),
      );
    },
    fuzzTimeout(),
  );

  for (const [type, { valid }] of Object.entries(examples)) {
    it(
      `answers near-valid ${type} messages without changing them, refusals pointing into them`,
      () => {
        fc.assert(
          fc.property(fc.oneof(nearValid(valid), editedStrings(valid)), (value) => {
            const before = JSON.stringify(value);
            expectTyped(validateMessage(value), value);
            expect(JSON.stringify(value)).toBe(before);
          }),
          fuzzParameters(60),
        );
      },
      fuzzTimeout(),
    );
  }

  it(
    'accepts exactly the u32 seqs, acks and session ids the binary frames can carry',
    () => {
      fc.assert(
        fc.property(u32Edges, u32Edges, u32Edges, (sessionNumber, seq, lastSeq) => {
          const ack = parseTextFrame(
            JSON.stringify({ ...examples['session.ack'].valid, session_id: sessionNumber, seq }),
          );
          expect(ack.ok).toBe(isU32(sessionNumber, 1) && isU32(seq, 1));
          const attach = { ...examples['session.attach'].valid, session_id: sessionNumber, last_seq: lastSeq };
          expect(parseTextFrame(JSON.stringify(attach)).ok).toBe(isU32(sessionNumber, 1) && isU32(lastSeq, 0));
        }),
        fuzzParameters(300),
      );
    },
    fuzzTimeout(),
  );

  it(
    'refuses a frame exactly when its UTF-8 bytes pass 1 MiB, however wide its characters',
    () => {
      const envelope = (data: string) => JSON.stringify({ ...examples['session.input'].valid, data });
      const overhead = envelope('').length;
      const encoder = new TextEncoder();
      fc.assert(
        fc.property(fc.integer({ min: -8, max: 8 }), fc.string({ unit: 'binary', maxLength: 4 }), (shift, tail) => {
          const pad = 'a'.repeat(MAX_TEXT_FRAME_BYTES - overhead - encoder.encode(tail).length + shift);
          const frame = envelope(pad + tail);
          const tooLarge = encoder.encode(frame).length > MAX_TEXT_FRAME_BYTES;
          const outcome = parseTextFrame(frame);
          expect(!outcome.ok && outcome.error.code === 'protocol.too_large').toBe(tooLarge);
        }),
        // Each run builds and parses a 1 MiB frame; 17 shifts times a few tails is all there is to cover.
        fuzzParameters(8, 300),
      );
    },
    fuzzTimeout(),
  );
});
