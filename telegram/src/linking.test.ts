/**
 * The linking conversation through a real grammY bot (`createBot`), its Bot API calls answered in-process by a
 * transformer (no network), over an in-memory `LinkStore` with the D1 store's rules. The D1 store itself runs in
 * workerd (`test/link-store.test.ts`).
 */
import type { UserDirectory } from '@vibecode/core/ports';
import { createLogger } from '@vibecode/schemas/log';
import type { Update, UserFromGetMe } from 'grammy/types';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBot } from './bot.ts';
import { linkCodeHash } from './link-codes.ts';
import {
  memoryAttentionStore,
  memoryConversationStore,
  memoryLinkStore,
  memoryNoticeStore,
  memoryTopicStore,
} from './test-doubles/memory-stores.ts';
import {
  recordingFiles,
  recordingNotices,
  recordingServers,
  recordingSessions,
} from './test-doubles/recording-controls.ts';

const me: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: 'VibeCode',
  username: 'vibecode_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: true,
  allows_users_to_create_topics: false,
} as UserFromGetMe;
const config = {
  token: '1:test',
  webhookSecret: 's',
  botUsername: 'vibecode_bot',
  apiRoot: 'http://127.0.0.1:9',
  miniAppAuthMaxAgeSeconds: 3600,
};
const CODE = 'AbCdEfGhIjKlMnOpQrSt_-';
const OTHER_CODE = 'ZyXwVuTsRqPoNmLkJiHg_-';

const users: UserDirectory = {
  emailOf: async (userId) => ({ u1: 'alice@example.com', u2: 'bob@example.org' })[userId] ?? null,
};

let updateId = 0;
function textUpdate(fromId: number, text: string, chatType: 'private' | 'group' = 'private'): Update {
  updateId += 1;
  const command = /^\/\w+/.exec(text)?.[0];
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1_700_000_000,
      chat:
        chatType === 'private'
          ? { id: fromId, type: 'private', first_name: 'A' }
          : { id: -5, type: 'group', title: 'G' },
      from: { id: fromId, is_bot: false, first_name: 'A', username: `user${fromId}` },
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
    },
  } as Update;
}

/** `appUrl`: core's PUBLIC_URL; `menuFails`: the Bot API refuses setChatMenuButton. */
function harness(now = 1_000, options: { appUrl?: string | null; menuFails?: boolean } = {}) {
  const store = memoryLinkStore();
  const warnings: string[] = [];
  const log = createLogger({}, (line) => {
    const entry = JSON.parse(line) as { level: string; msg: string };
    if (entry.level === 'warn') warnings.push(entry.msg);
  });
  const bot = createBot(config, me, {
    store,
    users,
    now: () => now,
    appUrl: options.appUrl === undefined ? 'https://vibecode.example' : options.appUrl,
    log,
    topics: memoryTopicStore(),
    sessions: recordingSessions(),
    files: recordingFiles(),
    notices: recordingNotices(),
    noticeMessages: memoryNoticeStore(),
    attentionMessages: memoryAttentionStore(),
    servers: recordingServers('user-1', []),
    conversations: memoryConversationStore(),
  });
  const calls: { method: string; payload: Record<string, unknown> }[] = [];
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    if (method === 'setChatMenuButton' && options.menuFails) {
      // biome-ignore lint/suspicious/noExplicitAny: a canned Bot API refusal.
      return { ok: false, error_code: 400, description: 'Bad Request: chat not found' } as any;
    }
    // biome-ignore lint/suspicious/noExplicitAny: a canned Bot API answer for any method.
    return { ok: true, result: { message_id: 99, date: 0, chat: { id: 0, type: 'private' } } as any };
  });
  const replies = () => calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload.text as string);
  const addCode = async (code: string, userId: string, expiresAt = now + 600_000) =>
    store.createCode(userId, await linkCodeHash(code), expiresAt, now);
  const menus = () => calls.filter((c) => c.method === 'setChatMenuButton').map((c) => c.payload);
  return { bot, store, calls, replies, menus, addCode, warnings };
}

describe('linking in the private chat', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });

  it('links with /start <code> and answers with the masked address', async () => {
    await h.addCode(CODE, 'u1');
    await h.bot.handleUpdate(textUpdate(42, `/start ${CODE}`));
    expect(h.replies()).toEqual(['Linked: this Telegram account is now connected to VibeCode as a***@example.com.']);
    expect(h.calls[0]?.payload.chat_id).toBe(42);
    expect(h.store.links.get(42)).toMatchObject({ userId: 'u1', chatId: 42, username: 'user42' });
  });

  it('answers a bad, expired or used code plainly, and links nothing', async () => {
    await h.addCode(OTHER_CODE, 'u1', 1_000);
    await h.bot.handleUpdate(textUpdate(42, '/start nonsense'));
    await h.bot.handleUpdate(textUpdate(42, `/start ${CODE}`));
    await h.bot.handleUpdate(textUpdate(42, `/start ${OTHER_CODE}`));
    expect(h.replies()).toHaveLength(3);
    for (const reply of h.replies()) expect(reply).toMatch(/^That link code is not valid/);
    expect(h.store.links.size).toBe(0);
  });

  it('uses a code once: another account cannot reuse it', async () => {
    await h.addCode(CODE, 'u1');
    await h.bot.handleUpdate(textUpdate(42, `/start ${CODE}`));
    await h.bot.handleUpdate(textUpdate(43, `/start ${CODE}`));
    expect(h.replies()[1]).toMatch(/^That link code is not valid/);
    expect(h.store.links.has(43)).toBe(false);
  });

  it('moves an account linked to another user, and says so', async () => {
    await h.addCode(CODE, 'u1');
    await h.addCode(OTHER_CODE, 'u2');
    await h.bot.handleUpdate(textUpdate(42, `/start ${CODE}`));
    await h.bot.handleUpdate(textUpdate(42, `/start ${OTHER_CODE}`));
    expect(h.replies()[1]).toBe(
      'This Telegram account was linked to a***@example.com; it is now linked to b***@example.org instead.',
    );
    expect(h.store.links.get(42)?.userId).toBe('u2');
  });

  it('tells an unlinked account how to link, whatever it sends, and does nothing else', async () => {
    for (const text of ['hello', '/help', '/start', '/unlink', '/sessions']) {
      await h.bot.handleUpdate(textUpdate(42, text));
    }
    expect(h.replies()).toHaveLength(5);
    for (const reply of h.replies()) {
      expect(reply).toBe(
        'This Telegram account is not linked to VibeCode. To link it, open VibeCode → dashboard → Connect Telegram, ' +
          'then tap Open Telegram.',
      );
    }
    expect(h.calls.every((c) => c.method === 'sendMessage')).toBe(true);
  });

  it('answers a button from an unlinked account with an alert, not a message', async () => {
    await h.bot.handleUpdate({
      update_id: 900,
      callback_query: {
        id: 'cb1',
        chat_instance: 'ci',
        from: { id: 42, is_bot: false, first_name: 'A' },
        data: 'x',
        message: { message_id: 5, date: 0, chat: { id: 42, type: 'private', first_name: 'A' }, text: 'old' },
      },
    } as Update);
    expect(h.calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    expect(h.calls[0]?.payload).toMatchObject({ callback_query_id: 'cb1', show_alert: true });
  });

  it('shows a linked account where it stands, its commands, and unlinks it', async () => {
    await h.addCode(CODE, 'u1');
    await h.bot.handleUpdate(textUpdate(42, `/start ${CODE}`));
    await h.bot.handleUpdate(textUpdate(42, '/start'));
    await h.bot.handleUpdate(textUpdate(42, '/help'));
    await h.bot.handleUpdate(textUpdate(42, 'hello'));
    await h.bot.handleUpdate(textUpdate(42, '/unlink'));
    await h.bot.handleUpdate(textUpdate(42, 'hello again'));
    const [, stands, help, unknown, unlinked, after] = h.replies();
    expect(stands).toBe('This Telegram account is connected to VibeCode as a***@example.com. /help lists commands.');
    expect(help).toContain('Connected to VibeCode as a***@example.com.');
    expect(help).toContain('/unlink: Disconnect this Telegram account from VibeCode');
    expect(unknown).toBe("I don't know that one yet. /help lists what I can do.");
    expect(unlinked).toMatch(/^Disconnected: this Telegram account is no longer linked to a\*\*\*@example\.com\./);
    expect(after).toMatch(/^This Telegram account is not linked to VibeCode\./);
    expect(h.store.links.size).toBe(0);
  });

  it('ignores groups: no reply, nothing linked', async () => {
    await h.addCode(CODE, 'u1');
    await h.bot.handleUpdate(textUpdate(42, `/start ${CODE}`, 'group'));
    await h.bot.handleUpdate(textUpdate(42, 'hello', 'group'));
    expect(h.calls).toEqual([]);
    expect(h.store.links.size).toBe(0);
  });

  it('a user whose account is gone is named generically', async () => {
    await h.addCode(CODE, 'u9');
    await h.bot.handleUpdate(textUpdate(42, `/start ${CODE}`));
    expect(h.replies()[0]).toBe('Linked: this Telegram account is now connected to VibeCode as your VibeCode account.');
  });

  it('gives a chat that links the Mini App as its menu button, again on /start, and the default back on /unlink', async () => {
    await h.addCode(CODE, 'u1');
    await h.bot.handleUpdate(textUpdate(42, `/start ${CODE}`));
    await h.bot.handleUpdate(textUpdate(42, '/start'));
    await h.bot.handleUpdate(textUpdate(42, '/unlink'));
    const miniApp = { type: 'web_app', text: 'Terminal', web_app: { url: 'https://vibecode.example/miniapp' } };
    expect(h.menus()).toEqual([
      { chat_id: 42, menu_button: miniApp },
      { chat_id: 42, menu_button: miniApp },
      { chat_id: 42, menu_button: { type: 'default' } },
    ]);
    // The answer comes first: a refused menu button never holds it up.
    expect(h.calls.map((c) => c.method).slice(0, 2)).toEqual(['sendMessage', 'setChatMenuButton']);
  });

  it('gives the default menu button back to the user’s other account when a new one takes its link', async () => {
    await h.addCode(CODE, 'u1');
    await h.bot.handleUpdate(textUpdate(42, `/start ${CODE}`));
    await h.addCode(OTHER_CODE, 'u1');
    await h.bot.handleUpdate(textUpdate(43, `/start ${OTHER_CODE}`));
    expect(h.store.links.has(42)).toBe(false);
    expect(h.menus().map((m) => [m.chat_id, (m.menu_button as { type: string }).type])).toEqual([
      [42, 'web_app'],
      [43, 'web_app'],
      [42, 'default'],
    ]);
  });

  it('sets no Mini App menu button without a public app URL, but still gives the default back on /unlink', async () => {
    const bare = harness(1_000, { appUrl: null });
    await bare.addCode(CODE, 'u1');
    await bare.bot.handleUpdate(textUpdate(42, `/start ${CODE}`));
    await bare.bot.handleUpdate(textUpdate(42, '/start'));
    expect(bare.menus()).toEqual([]);
    await bare.bot.handleUpdate(textUpdate(42, '/unlink'));
    expect(bare.menus()).toEqual([{ chat_id: 42, menu_button: { type: 'default' } }]);
  });

  it('links all the same when Telegram refuses the menu button, and logs it', async () => {
    const refused = harness(1_000, { menuFails: true });
    await refused.addCode(CODE, 'u1');
    await refused.bot.handleUpdate(textUpdate(42, `/start ${CODE}`));
    expect(refused.store.links.get(42)?.userId).toBe('u1');
    expect(refused.replies()).toHaveLength(1);
    expect(refused.warnings).toEqual(['telegram menu button not set']);
  });
});
