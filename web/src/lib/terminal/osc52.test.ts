import { bytesToBase64 } from '@vibecode/schemas/encoding';
import { describe, expect, it } from 'vitest';
import { OSC52_INPUT_WINDOW_MS, OSC52_MAX_TEXT_BYTES, Osc52Gate } from './osc52.ts';

const b64 = (text: string) => bytesToBase64(new TextEncoder().encode(text));

/** A gate on a clock the test moves by hand. */
function gateAt(start: number) {
  let now = start;
  const gate = new Osc52Gate(() => now);
  return { gate, setNow: (ms: number) => (now = ms) };
}

/** A gate whose user typed at t = 1000. */
function typedAt1000() {
  const clock = gateAt(1000);
  clock.gate.userInput();
  return clock;
}

describe('Osc52Gate', () => {
  it('copies a write that comes right after the user typed, whatever the target', () => {
    const { gate, setNow } = typedAt1000();
    setNow(1000 + OSC52_INPUT_WINDOW_MS);
    expect(gate.judge(`c;${b64('hello')}`)).toEqual({ kind: 'copy', text: 'hello' });
    expect(gate.judge(`;${b64('héllo 世界 🚀')}`)).toEqual({ kind: 'copy', text: 'héllo 世界 🚀' });
  });

  it('blocks a write from output the user did not just ask for', () => {
    const never = gateAt(0).gate;
    expect(never.judge(`c;${b64('rm -rf ~')}`)).toEqual({ kind: 'blocked', reason: 'no_recent_input' });

    const { gate, setNow } = typedAt1000();
    setNow(1001 + OSC52_INPUT_WINDOW_MS);
    expect(gate.judge(`c;${b64('rm -rf ~')}`)).toEqual({ kind: 'blocked', reason: 'no_recent_input' });
    gate.userInput();
    expect(gate.judge(`c;${b64('echo ok')}`)).toEqual({ kind: 'copy', text: 'echo ok' });
  });

  it('blocks a write over the size cap, and takes one exactly at it', () => {
    const { gate } = typedAt1000();
    const atCap = 'x'.repeat(OSC52_MAX_TEXT_BYTES);
    expect(gate.judge(`c;${b64(atCap)}`)).toEqual({ kind: 'copy', text: atCap });
    expect(gate.judge(`c;${b64(`${atCap}x`)}`)).toEqual({ kind: 'blocked', reason: 'too_large' });
    // Multi-byte text counts in UTF-8 bytes, not characters.
    expect(gate.judge(`c;${b64('é'.repeat(OSC52_MAX_TEXT_BYTES / 2 + 1))}`)).toEqual({
      kind: 'blocked',
      reason: 'too_large',
    });
    expect(gate.judge(`c;${'A'.repeat(10 * OSC52_MAX_TEXT_BYTES)}`)).toEqual({ kind: 'blocked', reason: 'too_large' });
  });

  it('ignores clipboard reads and payloads that are not base64 of UTF-8 text', () => {
    const { gate } = typedAt1000();
    for (const data of [
      'c;?',
      'c;',
      'no-separator',
      'c;!!!not base64',
      'c;AAAAA',
      `c;${bytesToBase64(new Uint8Array([0xff, 0xfe]))}`,
    ]) {
      expect(gate.judge(data)).toEqual({ kind: 'ignored' });
    }
  });

  it('refuses a clipboard read even with no input at all', () => {
    expect(gateAt(0).gate.judge('c;?')).toEqual({ kind: 'ignored' });
  });
});
