import type { AttentionItem, PushMessage, Session, Vps } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { AttentionFeed, type FeedView, UNNAMED_SESSION } from './attention-feed.ts';

const question = (session_id: string, since = 't1', vps_id = 'v1'): AttentionItem => ({
  session_id,
  vps_id,
  state: 'needs_input',
  detail: 'Do you want to continue? [Y/n]',
  choices: [
    { key: 'y', label: 'Yes' },
    { key: 'n', label: 'No' },
  ],
  prompt_fingerprint: `fp-${session_id}-${since}`,
  since,
});

/** A feed over a fake API whose answers the test sets, recording calls, notifications and views. */
function setup() {
  const state = {
    items: [] as AttentionItem[],
    hidden: false,
    mayNotify: true,
    answerError: null as ApiError | null,
    listsFail: false,
  };
  const calls: string[] = [];
  const notified: PushMessage[] = [];
  const views: FeedView[] = [];
  const api = {
    attention: async () => {
      calls.push('attention');
      return state.items;
    },
    answer: async (id: string, body: { prompt_fingerprint: string; choice?: string }) => {
      calls.push(`answer ${id} ${body.choice} ${body.prompt_fingerprint}`);
      if (state.answerError) throw state.answerError;
      state.items = state.items.filter((i) => i.session_id !== id);
      return { answered: true as const };
    },
    continueAtReset: async (id: string, enabled: boolean) => {
      calls.push(`continue ${id} ${enabled}`);
      if (state.answerError) throw state.answerError;
      state.items = state.items.map((i) => (i.session_id === id ? { ...i, continue_at_reset: enabled } : i));
      return { continue_at_reset: enabled, continues_at: enabled ? '2026-12-06T15:01:00Z' : null };
    },
    listVps: async () => {
      calls.push('listVps');
      if (state.listsFail) throw new ApiError(0, 'network.unreachable', 'offline');
      return [{ id: 'v1', name: 'box-one' }] as Vps[];
    },
    listSessions: async (vpsId: string) => {
      calls.push(`listSessions ${vpsId}`);
      if (state.listsFail) throw new ApiError(0, 'network.unreachable', 'offline');
      return [
        { id: 's1', title: 'refactor' },
        { id: 's2', title: 'tests' },
        { id: 's3', title: 'docs' },
      ] as Session[];
    },
  };
  const feed = new AttentionFeed({
    api,
    hidden: () => state.hidden,
    mayNotify: () => state.mayNotify,
    notify: (plan) => notified.push(plan),
    onChange: (view) => views.push(view),
  });
  return { feed, state, calls, notified, views };
}

describe('AttentionFeed', () => {
  it('shows the items with their server and session names, read once', async () => {
    const { feed, state, calls } = setup();
    state.items = [question('s1'), question('s2')];
    await feed.refresh();
    expect(feed.view.items.map((i) => i.session_id)).toEqual(['s1', 's2']);
    expect(feed.view.servers.get('v1')).toBe('box-one');
    expect(feed.titleOf({ session_id: 's2' })).toBe('tests');
    await feed.refresh();
    expect(calls).toEqual(['attention', 'listVps', 'listSessions v1', 'attention']);
  });

  it('names a session generically when its list cannot be read, and tries again with the next read', async () => {
    const { feed, state, calls } = setup();
    state.items = [question('s1')];
    state.listsFail = true;
    await feed.refresh();
    expect(feed.view.items).toHaveLength(1);
    expect(feed.titleOf({ session_id: 's1' })).toBe(UNNAMED_SESSION);
    state.listsFail = false;
    await feed.refresh();
    expect(feed.titleOf({ session_id: 's1' })).toBe('refactor');
    expect(calls.filter((c) => c === 'listSessions v1')).toHaveLength(2);
  });

  it('never notifies what was waiting when the page opened', async () => {
    const { feed, state, notified } = setup();
    state.items = [question('s1')];
    state.hidden = true;
    await feed.refresh();
    expect(notified).toEqual([]);
  });

  it('notifies once per read while hidden, coalescing what appeared together', async () => {
    const { feed, state, notified } = setup();
    await feed.refresh();
    state.hidden = true;
    state.items = [question('s1')];
    await feed.refresh();
    await feed.refresh();
    expect(notified).toEqual([
      { title: 'refactor needs you', body: 'Do you want to continue? [Y/n]', path: '/vps/v1/sessions/s1' },
    ]);
    state.items = [question('s1'), question('s2'), question('s3')];
    await feed.refresh();
    expect(notified[1]).toEqual({ title: '2 sessions need you', body: 'tests, docs', path: '/dashboard' });
    expect(notified).toHaveLength(2);
  });

  it('does not notify while the tab shows, nor without the permission', async () => {
    const { feed, state, notified } = setup();
    await feed.refresh();
    state.items = [question('s1')];
    await feed.refresh();
    state.hidden = true;
    state.mayNotify = false;
    state.items = [question('s1'), question('s2')];
    await feed.refresh();
    expect(notified).toEqual([]);
  });

  it('keeps only the newest read when an older one answers late', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { feed } = setupWithSlowFirstRead(slow, [question('s1')]);
    const first = feed.refresh();
    await feed.refresh();
    release();
    await first;
    expect(feed.view.items).toEqual([]);
  });

  it('answers in one tap: the item goes at once and the feed is read again', async () => {
    const { feed, state, calls, views } = setup();
    state.items = [question('s1'), question('s2')];
    await feed.refresh();
    calls.length = 0;
    const item = feed.view.items[0] as AttentionItem;
    const answering = feed.answer(item, 'y');
    expect(feed.view.answering).toBe('s1');
    await answering;
    expect(calls).toEqual(['answer s1 y fp-s1-t1', 'attention']);
    expect(feed.view.items.map((i) => i.session_id)).toEqual(['s2']);
    expect(feed.view.answering).toBeNull();
    expect(views.some((v) => v.answering === 's1' && v.items.length === 2)).toBe(true);
  });

  it('switches continue-at-reset for a limit: the item says so at once and the feed is read again', async () => {
    const { feed, state, calls } = setup();
    state.items = [
      { ...question('s1'), state: 'limited', resets_at: '2026-12-06T15:00:00Z', continue_at_reset: false },
    ];
    await feed.refresh();
    calls.length = 0;
    await feed.continueAtReset(feed.view.items[0] as AttentionItem, true);
    expect(calls).toEqual(['continue s1 true', 'attention']);
    expect(feed.view.items[0]?.continue_at_reset).toBe(true);
    state.answerError = new ApiError(409, 'session.not_running', 'this session has no program running to continue');
    await feed.continueAtReset(feed.view.items[0] as AttentionItem, false);
    expect(feed.view.answerError).toContain('session.not_running');
  });

  it('says when the question changed, and shows the new one', async () => {
    const { feed, state } = setup();
    state.items = [question('s1')];
    await feed.refresh();
    state.answerError = new ApiError(409, 'session.prompt_changed', 'the prompt changed');
    state.items = [question('s1', 't2')];
    await feed.answer(feed.view.items[0] as AttentionItem, 'y');
    expect(feed.view.answerError).toBe(
      'The question changed — open the session to see it. (code session.prompt_changed)',
    );
    expect(feed.view.items.map((i) => i.prompt_fingerprint)).toEqual(['fp-s1-t2']);
  });

  it('sends one answer at a time, and none for an item without a fingerprint', async () => {
    const { feed, state, calls } = setup();
    state.items = [question('s1'), question('s2')];
    await feed.refresh();
    calls.length = 0;
    const [a, b] = feed.view.items as [AttentionItem, AttentionItem];
    const first = feed.answer(a, 'y');
    await feed.answer(b, 'y');
    await first;
    const { prompt_fingerprint: _, ...blind } = b;
    await feed.answer(blind, 'y');
    expect(calls.filter((c) => c.startsWith('answer'))).toEqual(['answer s1 y fp-s1-t1']);
  });
});

/** A feed whose first read of the feed waits for `slow` and then answers `firstItems`; later reads answer []. */
function setupWithSlowFirstRead(slow: Promise<void>, firstItems: AttentionItem[]) {
  let reads = 0;
  const feed = new AttentionFeed({
    api: {
      attention: async () => {
        reads += 1;
        if (reads === 1) {
          await slow;
          return firstItems;
        }
        return [];
      },
      answer: async () => ({ answered: true as const }),
      continueAtReset: async () => ({ continue_at_reset: false, continues_at: null }),
      listVps: async () => [],
      listSessions: async () => [],
    },
    hidden: () => false,
    mayNotify: () => false,
    notify: () => {},
    onChange: () => {},
  });
  return { feed };
}
