import { message, parseTextFrame } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { answersAttach, answerWithRef, SNAPSHOT_SHARE_MS, snapshotInFlight } from './snapshot-sharing.ts';

const now = 1_000_000;

describe('snapshotInFlight', () => {
  it('is true while a viewer waits for a snapshot asked on this gateway socket within the share period', () => {
    expect(snapshotInFlight([undefined, { since: now - 10, connId: 'c1' }], 'c1', now)).toBe(true);
  });

  it('is false with nobody waiting, for a request on an older gateway socket, or one asked too long ago', () => {
    expect(snapshotInFlight([undefined, undefined], 'c1', now)).toBe(false);
    expect(snapshotInFlight([{ since: now - 10, connId: 'c0' }], 'c1', now)).toBe(false);
    expect(snapshotInFlight([{ since: now - SNAPSHOT_SHARE_MS, connId: 'c1' }], 'c1', now)).toBe(false);
  });
});

describe('answerWithRef', () => {
  const snapshot = message('session.snapshot', {
    session_id: 3,
    cols: 80,
    rows: 24,
    text: '$ "quoted" \\ ,"ref":"x"}\n',
    cursor: { x: 2, y: 0 },
    seq: 41,
    reason: 'fresh',
    ref: 'sub-first',
  });

  it("gives each viewer the gateway's answer with its own ref, the rest unchanged and valid", () => {
    const forViewer = answerWithRef(snapshot);
    for (const ref of ['sub-a', 'sub-b']) {
      const parsed = parseTextFrame(forViewer(ref));
      expect(parsed).toEqual({ ok: true, value: { ...snapshot, ref } });
    }
  });

  it('adds a ref to an answer that had none', () => {
    const error = message('session.error', { session_id: 3, error: { code: 'session.snapshot_failed', message: 'x' } });
    expect(JSON.parse(answerWithRef(error)('sub-a'))).toEqual({ ...error, ref: 'sub-a' });
  });

  it('knows which gateway messages answer an attach', () => {
    expect(answersAttach(snapshot)).toBe(true);
    expect(answersAttach(message('session.started', { session_id: 3 }))).toBe(false);
  });
});
