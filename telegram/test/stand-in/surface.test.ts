/**
 * The session surface against the Bot API stand-in: a topic per session, the screen as one message edited in place
 * until the user writes below it, a long 429 handed back as `retry`, a deleted topic as `gone`, the quiet and ended
 * notices.
 */
import type { BoundSession } from '@vibecode/core/ports';
import type { ForumTopic, Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { harness, session, USER } from './harness.ts';

const screen = (text: string) => ({ text, cols: 80, rows: 24 });

async function opened(h: Awaited<ReturnType<typeof harness>>, sessionId = 'sess-1') {
  const summary = session(sessionId);
  const [binding] = await h.surface.opened(summary);
  if (!binding) throw new Error('no binding');
  return { binding, session: summary } satisfies BoundSession;
}

describe('telegram session surface', () => {
  it('opens a topic named after the VPS and the session, and stores it', async () => {
    const h = await harness();
    const from = h.fake.calls().length;
    const bindings = await h.surface.opened(session('sess-1', 'claude'));
    const created = h.callsSince(from).find((c) => c.method === 'createForumTopic');
    const topic = created?.result as ForumTopic;
    expect(created?.params).toMatchObject({ chat_id: USER.id, name: 'api · claude' });
    expect(bindings).toEqual([
      { channel: 'telegram', conversation: JSON.stringify({ chat_id: USER.id, thread_id: topic.message_thread_id }) },
    ]);
    expect(await h.topics.topic(USER.id, topic.message_thread_id)).toMatchObject({
      userId: 'user-ada',
      sessionId: 'sess-1',
      title: 'api · claude',
      state: 'open',
      screenMessageId: null,
    });
  });

  it('makes nothing for a user who is not linked', async () => {
    const h = await harness();
    const from = h.fake.calls().length;
    expect(await h.surface.opened({ ...session(), userId: 'someone-else' })).toEqual([]);
    expect(h.callsSince(from)).toEqual([]);
  });

  it('shows the session as one pinned message in the chat when the bot has no topics, and says why once', async () => {
    const h = await harness({ topicsEnabled: false });
    const from = h.fake.calls().length;
    const [binding] = await h.surface.opened(session('sess-1'));
    const calls = h.callsSince(from);
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'pinChatMessage', 'sendMessage']);
    const screenMessage = calls[0]?.result as Message;
    expect(screenMessage.message_thread_id).toBeUndefined();
    expect(screenMessage.text).toBe('api · claude\n(the screen is empty)');
    expect(calls[1]?.params).toMatchObject({ chat_id: USER.id, message_id: screenMessage.message_id });
    expect((calls[2]?.result as Message | undefined)?.text).toMatch(/^Topics are not available in this chat/);
    expect(binding).toEqual({
      channel: 'telegram',
      conversation: JSON.stringify({ chat_id: USER.id, pinned_message_id: screenMessage.message_id }),
    });
    expect(await h.topics.pinnedFor(USER.id, screenMessage.message_id)).toMatchObject({ sessionId: 'sess-1' });
    // A second session is pinned too, without telling the user again.
    const again = h.fake.calls().length;
    await h.surface.opened(session('sess-2', 'codex'));
    expect(h.callsSince(again).map((c) => c.method)).toEqual(['sendMessage', 'pinChatMessage']);
  });

  it('falls back to a pinned message when Telegram refuses the topic, and says why in the log', async () => {
    const h = await harness();
    h.fake.switches.set({ topicCallsFail: true });
    const [binding] = await h.surface.opened(session());
    expect(JSON.parse(binding?.conversation ?? '{}')).toHaveProperty('pinned_message_id');
    expect(h.warnings).toEqual(['telegram topic not created: pinned message instead']);
  });

  it('keeps a pinned screen in its one message: edited under its name, never posted anew', async () => {
    const h = await harness({ topicsEnabled: false });
    const bound = await opened(h);
    const pinnedId: number = JSON.parse(bound.binding.conversation).pinned_message_id;
    const from = h.fake.calls().length;
    expect(await h.surface.render(bound, screen('$ make <all>'), { fresh: false })).toEqual({ kind: 'shown' });
    expect(await h.surface.render(bound, screen('$ make <all>\ndone'), { fresh: true })).toEqual({ kind: 'shown' });
    const edits = h.callsSince(from);
    expect(edits.map((c) => [c.method, c.params.message_id])).toEqual([
      ['editMessageText', pinnedId],
      ['editMessageText', pinnedId],
    ]);
    expect(edits[1]?.params.text).toBe('<b>api · claude</b>\n<pre>$ make &lt;all&gt;\ndone</pre>');
  });

  it('answers the pinned message with the quiet and ended notices, and unpins it at the end', async () => {
    const h = await harness({ topicsEnabled: false });
    const bound = await opened(h);
    const pinnedId: number = JSON.parse(bound.binding.conversation).pinned_message_id;
    const from = h.fake.calls().length;
    await h.surface.quiet(bound);
    await h.surface.ended(bound, 'exited');
    const calls = h.callsSince(from);
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'unpinChatMessage', 'sendMessage']);
    for (const notice of [calls[0], calls[2]]) {
      expect((notice?.result as Message | undefined)?.reply_to_message?.message_id).toBe(pinnedId);
    }
    expect(await h.surface.render(bound, screen('$ '), { fresh: false })).toEqual({ kind: 'gone' });
  });

  it('posts the screen in the topic, edits it in place, and skips an identical screen', async () => {
    const h = await harness();
    const bound = await opened(h);
    const threadId = JSON.parse(bound.binding.conversation).thread_id;
    let from = h.fake.calls().length;
    expect(await h.surface.render(bound, screen('$ ls\na <b> & c'), { fresh: false })).toEqual({ kind: 'shown' });
    const [first] = h.sentSince(from);
    expect(first).toMatchObject({ message_thread_id: threadId, text: '$ ls\na <b> & c' });
    expect(first?.entities).toEqual([{ type: 'pre', offset: 0, length: 14 }]);
    expect(h.callsSince(from)[0]?.params).toMatchObject({ parse_mode: 'HTML', disable_notification: true });

    from = h.fake.calls().length;
    expect(await h.surface.render(bound, screen('$ ls\na b\n$'), { fresh: false })).toEqual({ kind: 'shown' });
    const edit = h.callsSince(from);
    expect(edit.map((c) => c.method)).toEqual(['editMessageText']);
    expect(edit[0]?.params).toMatchObject({ message_id: first?.message_id, text: '<pre>$ ls\na b\n$</pre>' });

    from = h.fake.calls().length;
    expect(await h.surface.render(bound, screen('$ ls\na b\n$'), { fresh: false })).toEqual({ kind: 'shown' });
    expect(h.callsSince(from)).toEqual([]);
  });

  it('posts a new screen message once the user wrote below the last one, or when asked fresh', async () => {
    const h = await harness();
    const bound = await opened(h);
    const threadId = JSON.parse(bound.binding.conversation).thread_id;
    await h.surface.render(bound, screen('one'), { fresh: false });
    const userMessage = await h.write('hello', threadId);
    let from = h.fake.calls().length;
    await h.surface.render(bound, screen('two'), { fresh: false });
    const [below] = h.sentSince(from);
    expect(h.callsSince(from).map((c) => c.method)).toEqual(['sendMessage']);
    expect(below?.message_id).toBeGreaterThan(userMessage);
    expect((await h.topics.topic(USER.id, threadId))?.screenMessageId).toBe(below?.message_id);

    // The same screen again, asked for: a new message all the same.
    from = h.fake.calls().length;
    await h.surface.render(bound, screen('two'), { fresh: true });
    expect(h.sentSince(from).map((m) => m.text)).toEqual(['two']);
  });

  it('shows only the bottom lines that fit a message, and says when the screen is blank', async () => {
    const h = await harness();
    const bound = await opened(h);
    const lines = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(2, '0')} ${'x'.repeat(60)}`);
    const from = h.fake.calls().length;
    await h.surface.render(bound, screen(lines.join('\n')), { fresh: false });
    await h.surface.render(bound, screen(''), { fresh: true });
    const [long, blank] = h.sentSince(from).map((m) => m.text ?? '');
    expect(long?.length).toBeLessThanOrEqual(4096);
    expect(long?.endsWith(lines[99] as string)).toBe(true);
    expect(long?.startsWith(lines[100 - 64] as string)).toBe(true);
    expect(blank).toBe('(the screen is empty)');
  });

  it('hands a long 429 back as retry with its retry_after, and renders once it is over', async () => {
    const h = await harness();
    const bound = await opened(h);
    h.fake.switches.set({ rateLimit: { count: 1, retryAfter: 40 } });
    expect(await h.surface.render(bound, screen('busy'), { fresh: false })).toEqual({ kind: 'retry', afterMs: 40_000 });
    expect(await h.surface.render(bound, screen('busy'), { fresh: false })).toEqual({ kind: 'shown' });
  });

  it('waits out a short 429 itself', async () => {
    const h = await harness();
    const bound = await opened(h);
    h.fake.switches.set({ rateLimit: { count: 1, retryAfter: 1 } });
    expect(await h.surface.render(bound, screen('soon'), { fresh: false })).toEqual({ kind: 'shown' });
    expect(h.fake.calls().filter((c) => c.method === 'sendMessage').length).toBeGreaterThan(0);
  });

  it('reports a deleted topic, an unlinked user and an unknown binding as gone', async () => {
    const h = await harness();
    const bound = await opened(h);
    const threadId = JSON.parse(bound.binding.conversation).thread_id;
    const api = await fetch(`${h.fake.url}/bot${h.config.token}/deleteForumTopic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: USER.id, message_thread_id: threadId }),
    });
    expect(((await api.json()) as { ok: boolean }).ok).toBe(true);
    expect(await h.surface.render(bound, screen('x'), { fresh: false })).toEqual({ kind: 'gone' });

    const other = await opened(h, 'sess-2');
    h.links.links.clear();
    expect(await h.surface.render(other, screen('x'), { fresh: false })).toEqual({ kind: 'gone' });
    const stranger = { ...other, binding: { channel: 'telegram', conversation: '{"chat_id":1}' } };
    expect(await h.surface.render(stranger, screen('x'), { fresh: false })).toEqual({ kind: 'gone' });
  });

  it('says in the topic when the session went quiet', async () => {
    const h = await harness();
    const bound = await opened(h);
    const from = h.fake.calls().length;
    await h.surface.quiet(bound);
    expect(h.sentSince(from).map((m) => m.text)).toEqual([
      'No output for a while: the session may be waiting for your input.',
    ]);
  });

  it('marks the topic ended when the session ends, renames it, says why, and renders no more', async () => {
    const h = await harness();
    const bound = await opened(h);
    const threadId = JSON.parse(bound.binding.conversation).thread_id;
    const from = h.fake.calls().length;
    await h.surface.ended(bound, 'exited');
    const calls = h.callsSince(from);
    expect(calls.map((c) => c.method)).toEqual(['editForumTopic', 'sendMessage']);
    expect(calls[0]?.params).toMatchObject({ message_thread_id: threadId, name: 'api · claude (ended)' });
    expect(calls[1]?.result).toMatchObject({
      text: 'This session has ended (the program exited). Messages here no longer reach it.',
    });
    expect((await h.topics.topic(USER.id, threadId))?.state).toBe('ended');
    expect(await h.surface.render(bound, screen('late'), { fresh: false })).toEqual({ kind: 'gone' });
  });

  it('still marks the topic ended when Telegram refuses the rename', async () => {
    const h = await harness();
    const bound = await opened(h);
    const threadId = JSON.parse(bound.binding.conversation).thread_id;
    h.fake.switches.set({ topicCallsFail: true });
    await h.surface.ended(bound, 'ended');
    expect((await h.topics.topic(USER.id, threadId))?.state).toBe('ended');
    expect(h.warnings).toEqual(['telegram topic rename failed']);
  });
});
