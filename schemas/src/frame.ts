/**
 * Binary frames: `[kind u8][session_id u32 BE][seq u32 BE][payload]`. The hub routes on the 9-byte header
 * and never looks at the payload; decoding returns a view, not a copy.
 */
import { MAX_U32 } from './limits.ts';
import type { ProtocolError } from './protocol-error.ts';
import { err, ok, type Result } from './result.ts';

export const FRAME_HEADER_BYTES = 9;
export const FrameKind = { TerminalOutput: 0x01 } as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

export interface OutputFrame {
  kind: FrameKind;
  /** The header's `session_id`: the session's number on its gateway. */
  sessionNumber: number;
  seq: number;
  payload: Uint8Array;
}

const knownKinds: ReadonlySet<number> = new Set(Object.values(FrameKind));

function assertU32(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min || value > MAX_U32) {
    throw new RangeError(`${name} must be an integer in ${min}..${MAX_U32}, got ${value}`);
  }
}

/** Builds a terminal-output frame. Throws on out-of-range ids: that is a bug in the caller, not bad input. */
export function encodeOutputFrame(sessionNumber: number, seq: number, payload: Uint8Array): Uint8Array {
  assertU32('session_id', sessionNumber, 1);
  assertU32('seq', seq, 1);
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.byteLength);
  const view = new DataView(frame.buffer);
  view.setUint8(0, FrameKind.TerminalOutput);
  view.setUint32(1, sessionNumber);
  view.setUint32(5, seq);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

/** Parses a received binary frame. Bad bytes give a typed error; this never throws. */
export function decodeFrame(bytes: Uint8Array): Result<OutputFrame, ProtocolError> {
  if (bytes.byteLength < FRAME_HEADER_BYTES) {
    return err({
      code: 'frame.too_short',
      message: `binary frame has ${bytes.byteLength} bytes, the header alone needs ${FRAME_HEADER_BYTES}`,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = view.getUint8(0);
  if (!knownKinds.has(kind)) {
    return err({
      code: 'frame.unknown_kind',
      message: `unknown binary frame kind 0x${kind.toString(16).padStart(2, '0')}`,
    });
  }
  const sessionNumber = view.getUint32(1);
  if (sessionNumber === 0) return err({ code: 'frame.invalid_session', message: 'binary frame has session_id 0' });
  // Seqs start at 1 (0 is a viewer's "none yet"): a frame the encoder could not have built is refused, not relayed.
  const seq = view.getUint32(5);
  if (seq === 0) return err({ code: 'frame.invalid_seq', message: 'binary frame has seq 0' });
  return ok({ kind: kind as FrameKind, sessionNumber, seq, payload: bytes.subarray(FRAME_HEADER_BYTES) });
}
