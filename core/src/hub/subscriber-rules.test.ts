import { encodeOutputFrame, message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { judgeSubscriberFrame } from './subscriber-rules.ts';

const sub = { subId: 'sub-abc', sessionNumber: 3 };
const text = (value: unknown) => JSON.stringify(value);

describe('judgeSubscriberFrame', () => {
  it('forwards input for its own session unchanged and counts it as activity', () => {
    const frame = text(message('session.input', { session_id: 3, data: 'ls\r' }));
    expect(judgeSubscriberFrame(frame, sub)).toEqual({ kind: 'forward', text: frame, activity: true, input: true });
  });

  it('forwards an ack as a heartbeat, with the seq it names for the viewer backlog', () => {
    const frame = text(message('session.ack', { session_id: 3, seq: 42 }));
    expect(judgeSubscriberFrame(frame, sub)).toEqual({ kind: 'forward', text: frame, activity: true, ack: 42 });
  });

  it('hands a resize to the hub (not forwarded, not a heartbeat), with its claim', () => {
    const frame = text(message('session.resize', { session_id: 3, cols: 80, rows: 24 }));
    expect(judgeSubscriberFrame(frame, sub)).toEqual({ kind: 'resize', size: { cols: 80, rows: 24 }, claim: false });
    const claim = text(message('session.resize', { session_id: 3, cols: 80, rows: 24, claim: true }));
    expect(judgeSubscriberFrame(claim, sub)).toEqual({ kind: 'resize', size: { cols: 80, rows: 24 }, claim: true });
  });

  it("overwrites an attach's ref with the subscriber id", () => {
    const verdict = judgeSubscriberFrame(
      text(message('session.attach', { session_id: 3, last_seq: 7, ref: 'mine' })),
      sub,
    );
    expect(verdict.kind).toBe('forward');
    if (verdict.kind !== 'forward') return;
    expect(JSON.parse(verdict.text)).toEqual(message('session.attach', { session_id: 3, last_seq: 7, ref: 'sub-abc' }));
  });

  it('marks an attach holding nothing (no last_seq) as asking for a snapshot, with its ref overwritten', () => {
    const verdict = judgeSubscriberFrame(text(message('session.attach', { session_id: 3, ref: 'mine' })), sub);
    expect(verdict.kind).toBe('snapshot');
    if (verdict.kind !== 'snapshot') return;
    expect(JSON.parse(verdict.text)).toEqual(message('session.attach', { session_id: 3, ref: 'sub-abc' }));
  });

  it('answers a ping with pong', () => {
    expect(judgeSubscriberFrame(text(message('ping', {})), sub)).toEqual({ kind: 'pong' });
  });

  it.each([
    ['another session', text(message('session.input', { session_id: 4, data: 'x' })), 'session.mismatch'],
    ['a hub-only command', text(message('session.end', { session_id: 3 })), 'protocol.not_allowed'],
    ['a gateway event', text(message('session.started', { session_id: 3 })), 'protocol.not_allowed'],
    ['invalid JSON', '{"type":', 'protocol.invalid_json'],
    ['an unknown type', text({ type: 'nope', schema_version: '1' }), 'protocol.unknown_type'],
    ['a schema violation', text({ type: 'session.input', schema_version: '1', session_id: 3 }), 'protocol.schema'],
    [
      'a claim that is not a boolean',
      text({ ...message('session.resize', { session_id: 3, cols: 80, rows: 24 }), claim: 'yes' }),
      'protocol.schema',
    ],
    ['a size out of range', text(message('session.resize', { session_id: 3, cols: 1, rows: 24 })), 'protocol.schema'],
  ])('rejects %s with a typed error', (_name, frame, code) => {
    const verdict = judgeSubscriberFrame(frame, sub);
    expect(verdict).toMatchObject({ kind: 'reject', error: { type: 'error', schema_version: '1', code } });
  });

  it('rejects binary frames', () => {
    const frame = encodeOutputFrame(3, 1, new Uint8Array([1])).buffer as ArrayBuffer;
    expect(judgeSubscriberFrame(frame, sub)).toMatchObject({
      kind: 'reject',
      error: { code: 'protocol.binary_not_allowed' },
    });
  });
});
