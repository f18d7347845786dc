import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { FakeSink } from '../../../test/unit/fake-sink.ts';
import { OutputPump, type OutputPumpOptions } from './output-pump.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

function setup(overrides: Partial<OutputPumpOptions> = {}) {
  const sink = new FakeSink();
  const acks: number[] = [];
  const pump = new OutputPump({
    sink,
    maxInflightBytes: 256 * 1024,
    queueMaxBytes: 1024 * 1024,
    ack: { intervalMs: 250, bytesThreshold: 1_000_000 },
    onAck: (seq) => acks.push(seq),
    ...overrides,
  });
  return { pump, sink, acks };
}

const snapshot = (seq: number, text: string) =>
  message('session.snapshot', { session_id: 1, cols: 80, rows: 24, text, cursor: { x: 1, y: 0 }, seq, reason: 'gap' });

describe('OutputPump', () => {
  it('writes frames in seq order and refuses the ones it already holds', () => {
    const t = setup();
    expect([t.pump.frame(1, bytes('a')), t.pump.frame(2, bytes('b')), t.pump.frame(2, bytes('b'))]).toEqual([
      'queued',
      'queued',
      'duplicate',
    ]);
    expect([t.sink.screen, t.pump.receivedSeq, t.pump.handedSeq]).toEqual(['ab', 2, 2]);
  });

  it('refuses a frame past the next seq once the stream has started: the bytes before it are missing', () => {
    const t = setup();
    expect(t.pump.frame(5, bytes('first seen'))).toBe('queued');
    expect([t.pump.frame(8, bytes('x')), t.pump.frame(6, bytes('-six'))]).toEqual(['gap', 'queued']);
    expect([t.sink.screen, t.pump.receivedSeq]).toEqual(['first seen-six', 6]);
  });

  it('hands the terminal at most maxInflightBytes until its write callbacks fire', () => {
    const t = setup({ maxInflightBytes: 10 });
    t.sink.auto = false;
    for (let seq = 1; seq <= 5; seq++) t.pump.frame(seq, bytes('12345'));
    expect(t.sink.writes).toHaveLength(2);
    t.sink.flush();
    expect(t.sink.writes).toHaveLength(4);
    t.sink.flush();
    expect([t.sink.writes.length, t.pump.handedSeq]).toEqual([5, 5]);
  });

  it('acks on the tick only what the terminal has written, and nothing twice', () => {
    const t = setup();
    t.sink.auto = false;
    t.pump.frame(1, bytes('a'));
    t.pump.tick();
    expect(t.acks).toEqual([]);
    t.sink.flush();
    t.pump.tick();
    t.pump.tick();
    expect(t.acks).toEqual([1]);
  });

  it('past the queue bound refuses the frame and keeps nothing of it; rewind continues after what was handed', () => {
    const t = setup({ maxInflightBytes: 5, queueMaxBytes: 10 });
    t.sink.auto = false;
    for (let seq = 1; seq <= 3; seq++) t.pump.frame(seq, bytes('12345'));
    expect(t.pump.frame(4, bytes('12345'))).toBe('overflow');
    expect(t.pump.receivedSeq).toBe(3);
    t.pump.rewind();
    expect(t.pump.receivedSeq).toBe(1);
    t.sink.flush();
    expect(t.sink.screen).toBe('12345');
  });

  it('a snapshot resets the screen, writes the text and the cursor, then continues after its seq', () => {
    const t = setup();
    t.pump.frame(1, bytes('old'));
    t.pump.snapshot(snapshot(40, '$ '));
    expect(t.sink.resets).toBe(1);
    expect(t.pump.frame(40, bytes('dup'))).toBe('duplicate');
    t.pump.frame(41, bytes('new'));
    expect(t.sink.screen).toBe('$ \x1b[23A\x1b[2Gnew');
  });

  it('waits for the terminal to drain before resetting it for a snapshot', () => {
    const t = setup();
    t.sink.auto = false;
    t.pump.frame(1, bytes('old'));
    t.pump.snapshot(snapshot(9, 'fresh'));
    expect(t.sink.resets).toBe(0);
    t.sink.flush();
    expect([t.sink.resets, t.sink.screen]).toEqual([1, 'fresh\x1b[23A\x1b[2G']);
  });

  it('accepts a snapshot whose seq is lower than what it had (the gateway restarted its tmux server)', () => {
    const t = setup();
    t.pump.frame(500, bytes('x'));
    t.pump.snapshot(snapshot(3, 'after reboot'));
    t.pump.frame(4, bytes('!'));
    expect(t.sink.screen).toBe('after reboot\x1b[23A\x1b[2G!');
  });

  it('writes nothing more once disposed', () => {
    const t = setup({ maxInflightBytes: 1 });
    t.sink.auto = false;
    t.pump.frame(1, bytes('a'));
    t.pump.frame(2, bytes('b'));
    t.pump.dispose();
    t.sink.flush();
    expect(t.sink.writes).toEqual(['a']);
  });
});
