/**
 * In-memory stand-ins for the bot's D1 stores, with the D1 stores' rules (those run on a real D1 in `test/`), and a
 * `SessionControl` that records what the bot asks of core. Core is not Telegram, so recording it is no fake of
 * Telegram's; the Bot API itself is the stand-in (`@vibecode/fakes/telegram`).
 */
import type { ControlResult, SessionControl } from '@vibecode/core/ports';
import type { LinkStore, TelegramLink } from './db/link-store.ts';
import type { TelegramTopic, TopicStore } from './db/topic-store.ts';

type Code = { userId: string; expiresAt: number; usedAt: number | null; usedBy: number | null };

/** The D1 store's rules over two maps. */
export function memoryLinkStore(): LinkStore & { codes: Map<string, Code>; links: Map<number, TelegramLink> } {
  const codes = new Map<string, Code>();
  const links = new Map<number, TelegramLink>();
  const linkOfUser = async (userId: string) => [...links.values()].find((l) => l.userId === userId) ?? null;
  return {
    codes,
    links,
    async createCode(userId, codeHash, expiresAt) {
      codes.set(codeHash, { userId, expiresAt, usedAt: null, usedBy: null });
    },
    async redeem(codeHash, account, now) {
      const code = codes.get(codeHash);
      if (!code || code.expiresAt <= now) return null;
      const before = links.get(account.telegramUserId) ?? null;
      if (code.usedAt !== null) {
        const mine = code.usedBy === account.telegramUserId && before?.userId === code.userId;
        return mine ? { userId: code.userId, movedFrom: null } : null;
      }
      code.usedAt = now;
      code.usedBy = account.telegramUserId;
      const previous = await linkOfUser(code.userId);
      if (previous) links.delete(previous.telegramUserId);
      links.set(account.telegramUserId, { ...account, userId: code.userId, linkedAt: now });
      return { userId: code.userId, movedFrom: before && before.userId !== code.userId ? before.userId : null };
    },
    async linkOfTelegram(id) {
      return links.get(id) ?? null;
    },
    linkOfUser,
    async unlinkTelegram(id) {
      const link = links.get(id);
      links.delete(id);
      return link?.userId ?? null;
    },
    async unlinkUser(userId) {
      const link = await linkOfUser(userId);
      if (link) links.delete(link.telegramUserId);
    },
  };
}

export function memoryTopicStore(): TopicStore & { rows: Map<string, TelegramTopic> } {
  const rows = new Map<string, TelegramTopic>();
  const key = (chatId: number, threadId: number) => `${chatId}/${threadId}`;
  const update = (chatId: number, threadId: number, patch: Partial<TelegramTopic>) => {
    const row = rows.get(key(chatId, threadId));
    if (row) rows.set(key(chatId, threadId), { ...row, ...patch });
  };
  return {
    rows,
    async create(topic) {
      rows.set(key(topic.chatId, topic.threadId), {
        ...topic,
        screenMessageId: null,
        screenText: null,
        lastUserMessageId: null,
        state: 'open',
      });
    },
    async topic(chatId, threadId) {
      return rows.get(key(chatId, threadId)) ?? null;
    },
    async shown(chatId, threadId, screenMessageId, screenText) {
      update(chatId, threadId, { screenMessageId, screenText });
    },
    async userWrote(chatId, threadId, messageId) {
      const last = rows.get(key(chatId, threadId))?.lastUserMessageId ?? 0;
      update(chatId, threadId, { lastUserMessageId: Math.max(last, messageId) });
    },
    async ended(chatId, threadId) {
      update(chatId, threadId, { state: 'ended' });
    },
  };
}

export type SessionCall = { method: 'input' | 'end' | 'redraw'; userId: string; sessionId: string; data?: string };

/** Records every call; answers `ok`, or the error set in `refuse` (a `ControlError`'s code and message). */
export function recordingSessions(): SessionControl & {
  calls: SessionCall[];
  refuse: { code: string; message: string } | null;
} {
  const calls: SessionCall[] = [];
  const state = {
    calls,
    refuse: null as { code: string; message: string } | null,
  };
  const result = (): ControlResult<null> =>
    state.refuse === null ? { ok: true, value: null } : { ok: false, error: state.refuse };
  return Object.assign(state, {
    async session() {
      return { ok: false as const, error: { code: 'session.not_found', message: 'No such session.' } };
    },
    async input(userId: string, sessionId: string, data: string) {
      calls.push({ method: 'input', userId, sessionId, data });
      return result();
    },
    async end(userId: string, sessionId: string) {
      calls.push({ method: 'end', userId, sessionId });
      return result();
    },
    async redraw(userId: string, sessionId: string) {
      calls.push({ method: 'redraw', userId, sessionId });
      return result();
    },
  });
}
