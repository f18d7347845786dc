import { describe, expect, it } from 'vitest';
import type { SessionAttention } from '../sessions/surfaces.ts';
import { attentionOf, planAttention, withAttention, withCleared, withMovedOn } from './attention-plan.ts';
import type { SurfaceEntry } from './surface-plan.ts';

const session = {
  userId: 'u',
  vpsId: 'v',
  vpsName: 'box',
  sessionId: 's',
  sessionNumber: 1,
  title: 'shell',
  agentType: 'shell' as const,
};
const binding = { channel: 'telegram', conversation: '{"chat_id":1,"thread_id":2}' };
const item: SessionAttention = {
  state: 'needs_input',
  detail: 'Continue? [Y/n]',
  choices: [{ key: 'y', label: 'Yes' }],
  promptFingerprint: '0123456789abcdef',
  resetsAt: null,
  continueAtReset: false,
};

function entry(over: Partial<SurfaceEntry>): SurfaceEntry {
  return {
    session,
    bindings: [binding],
    dirty: false,
    fresh: false,
    notBefore: 0,
    active: false,
    activeSince: 0,
    lastOutputAt: 0,
    attachedConn: 'c1',
    ...over,
  };
}

describe('planAttention', () => {
  it('tells an item or a clear once the render interval has passed, and waits for one whose has not', () => {
    const plan = planAttention(
      new Map([
        [1, entry({ attention: item, notBefore: 1_000 })],
        [2, entry({ cleared: 'seen', notBefore: 1_500 })],
        [3, entry({ attention: item, notBefore: 5_000 })],
        [4, entry({ notBefore: 0 })],
        [5, entry({ attention: item, bindings: [] })],
      ]),
      2_000,
    );
    expect(plan).toEqual({ due: [1, 2], nextAt: 5_000 });
  });

  it('has nothing to do when nothing is pending', () => {
    expect(planAttention(new Map([[1, entry({})]]), 0)).toEqual({ due: [], nextAt: null });
  });
});

describe('attention changes', () => {
  it('keeps the newest item only, and a clear pending for an earlier one', () => {
    const told = entry({ cleared: 'answered', attentionOpen: true, askedFingerprint: 'ffffffffffffffff' });
    expect(withAttention(entry({}), item)).toEqual({
      attention: item,
      attentionOpen: true,
      askedFingerprint: item.promptFingerprint,
    });
    expect({ ...told, ...withAttention(told, { ...item, state: 'done' }) }).toMatchObject({
      attention: { state: 'done' },
      cleared: 'answered',
      askedFingerprint: null,
    });
  });

  it('does not tell the open question again, only once it was answered or seen, or another is asked', () => {
    const open = { ...entry({}), ...withAttention(entry({}), item) };
    expect(withAttention(open, item)).toBeNull();
    expect(withAttention(open, { ...item, promptFingerprint: 'ffffffffffffffff' })).not.toBeNull();
    const seen = { ...open, ...withCleared(open, 'seen') };
    expect(withAttention(seen, item)).not.toBeNull();
  });

  it('clears an item told or pending, dropping one not yet told, and nothing when none is open', () => {
    expect(withCleared(entry({ attention: item, attentionOpen: true }), 'seen')).toEqual({
      attention: undefined,
      cleared: 'seen',
      attentionOpen: false,
      askedFingerprint: null,
    });
    expect(withCleared(entry({}), 'seen')).toBeNull();
    expect(withCleared(entry({ attentionOpen: false }), 'answered')).toBeNull();
  });

  it('takes back a told item when the agent moves on, leaves one not yet told to be told, and has nothing to do without one', () => {
    const told = entry({ attentionOpen: true, askedFingerprint: item.promptFingerprint });
    expect(withMovedOn(told)).toEqual({ cleared: 'moved_on', attentionOpen: false });
    expect(withMovedOn(entry({ attention: item, attentionOpen: true, askedFingerprint: 'x' }))).toBeNull();
    expect(withMovedOn(entry({}))).toBeNull();
  });

  it('keeps a told question whose screen comes back before its "moved on" is told; another question is new', () => {
    const told = entry({ attentionOpen: true, askedFingerprint: item.promptFingerprint });
    const movedOn = { ...told, ...withMovedOn(told) };
    expect(withAttention(movedOn, item)).toEqual({ cleared: undefined, attentionOpen: true });
    const other = { ...item, promptFingerprint: 'ffffffffffffffff' };
    expect(withAttention(movedOn, other)).toEqual({
      attention: other,
      attentionOpen: true,
      askedFingerprint: 'ffffffffffffffff',
    });
  });
});

describe('attentionOf', () => {
  const state = { type: 'session.state' as const, schema_version: '1' as const, session_id: 1 };

  it('makes an item of a state that wants its person', () => {
    expect(
      attentionOf({ ...state, state: 'limited', detail: 'Limit reached', resets_at: '2026-12-06T14:00:00Z' }, true),
    ).toEqual({
      state: 'limited',
      detail: 'Limit reached',
      choices: [],
      promptFingerprint: null,
      resetsAt: Date.parse('2026-12-06T14:00:00Z'),
      continueAtReset: true,
    });
    expect(attentionOf({ ...state, state: 'done' }, false)).toMatchObject({ state: 'done', detail: null });
  });

  it('makes none of working or exited', () => {
    expect(attentionOf({ ...state, state: 'working' }, false)).toBeNull();
    expect(attentionOf({ ...state, state: 'exited' }, false)).toBeNull();
  });
});
