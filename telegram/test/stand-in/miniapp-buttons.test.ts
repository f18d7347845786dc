/**
 * The Mini App's entry points against the Bot API stand-in: the "Open terminal" `web_app` button on a session's screen
 * message (in its topic, and on the pinned message where topics fail), kept through every edit; the chat's menu button
 * set to the Mini App while the chat is linked; no Mini App buttons at all without a public app URL.
 */
import type { BoundSession } from '@vibecode/core/ports';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { APP_URL, harness, session, USER } from './harness.ts';

type Harness = Awaited<ReturnType<typeof harness>>;

const screen = (text: string) => ({ text, cols: 80, rows: 24 });
const openTerminal = (sessionId: string): InlineKeyboardMarkup => ({
  inline_keyboard: [[{ text: 'Open terminal', web_app: { url: `${APP_URL}/miniapp?session=${sessionId}` } }]],
});

async function opened(h: Harness, sessionId = 'sess-1'): Promise<BoundSession> {
  const summary = session(sessionId);
  const [binding] = await h.surface.opened(summary);
  if (!binding) throw new Error('no binding');
  return { binding, session: summary };
}

/** The keyboard of every screen message the bot sent or edited since `from`, as the stand-in kept it. */
const keyboardsSince = (h: Harness, from: number) =>
  h
    .callsSince(from)
    .filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText')
    .map((c) => (c.result as Message).reply_markup);

describe('Mini App entry points', () => {
  it('puts "Open terminal" for the session on its screen message in the topic, and keeps it through edits', async () => {
    const h = await harness();
    const bound = await opened(h, 'sess-1');
    const from = h.fake.calls().length;
    await h.surface.render(bound, screen('$ ls'), { fresh: false });
    await h.surface.render(bound, screen('$ ls\na b'), { fresh: false });
    await h.surface.render(bound, screen('$ ls\na b\n$'), { fresh: true });
    expect(h.callsSince(from).map((c) => c.method)).toEqual(['sendMessage', 'editMessageText', 'sendMessage']);
    expect(keyboardsSince(h, from)).toEqual([openTerminal('sess-1'), openTerminal('sess-1'), openTerminal('sess-1')]);
  });

  it('puts the same button on the pinned message where topics fail, from its first post on', async () => {
    const h = await harness({ topicsEnabled: false });
    const from = h.fake.calls().length;
    const bound = await opened(h, 'sess-9');
    await h.surface.render(bound, screen('$ make'), { fresh: true });
    const [pinned, , fallbackNotice, edit] = h.callsSince(from);
    expect((pinned?.result as Message | undefined)?.reply_markup).toEqual(openTerminal('sess-9'));
    expect((fallbackNotice?.result as Message | undefined)?.reply_markup).toBeUndefined();
    expect(edit?.method).toBe('editMessageText');
    expect((edit?.result as Message | undefined)?.reply_markup).toEqual(openTerminal('sess-9'));
  });

  it('sets the linked chat’s menu button to the Mini App’s picker', async () => {
    const h = await harness();
    const menu = h.fake.calls().filter((c) => c.method === 'setChatMenuButton');
    // The harness's Ada wrote /start: a linked chat gets the button then.
    expect(menu.map((c) => [c.params, c.result])).toEqual([
      [
        {
          chat_id: USER.id,
          menu_button: { type: 'web_app', text: 'Terminal', web_app: { url: `${APP_URL}/miniapp` } },
        },
        true,
      ],
    ]);
  });

  it('makes no Mini App button anywhere without a public app URL', async () => {
    const h = await harness({ appUrl: null });
    const bound = await opened(h);
    const from = h.fake.calls().length;
    await h.surface.render(bound, screen('$ ls'), { fresh: false });
    await h.surface.render(bound, screen('$ ls\n$'), { fresh: false });
    expect(keyboardsSince(h, from)).toEqual([undefined, undefined]);
    expect(h.fake.calls().some((c) => c.method === 'setChatMenuButton')).toBe(false);
  });
});
