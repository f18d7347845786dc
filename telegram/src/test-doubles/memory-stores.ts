import type { AttentionMessage, AttentionStore } from '../db/attention-store.ts';
import { type ConversationStore, parseConversationState } from '../db/conversation-store.ts';
import type { LinkStore, TelegramLink } from '../db/link-store.ts';
import type { NoticeMessage, NoticeStore } from '../db/notice-store.ts';
import type { TelegramTopic, TopicStore } from '../db/topic-store.ts';

type Code = { userId: string; expiresAt: number; usedAt: number | null; usedBy: number | null };

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
        return mine ? { userId: code.userId, movedFrom: null, displacedChatId: null } : null;
      }
      code.usedAt = now;
      code.usedBy = account.telegramUserId;
      const previous = await linkOfUser(code.userId);
      if (previous) links.delete(previous.telegramUserId);
      links.set(account.telegramUserId, { ...account, userId: code.userId, linkedAt: now });
      const displaced = previous !== null && previous.telegramUserId !== account.telegramUserId ? previous : null;
      return {
        userId: code.userId,
        movedFrom: before && before.userId !== code.userId ? before.userId : null,
        displacedChatId: displaced?.chatId ?? null,
      };
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
        mode: topic.mode ?? 'topic',
        screenMessageId: topic.screenMessageId ?? null,
        screenText: null,
        lastUserMessageId: null,
        state: 'open',
      });
    },
    async topic(chatId, threadId) {
      return rows.get(key(chatId, threadId)) ?? null;
    },
    async pinnedFor(chatId, messageId) {
      const pinned = [...rows.values()].filter((row) => row.chatId === chatId && row.mode === 'pinned');
      return pinned.find((row) => row.screenMessageId === messageId) ?? null;
    },
    async hasPinned(chatId) {
      return [...rows.values()].some((row) => row.chatId === chatId && row.mode === 'pinned');
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

export function memoryConversationStore(): ConversationStore & { rows: Map<string, string> } {
  const rows = new Map<string, string>();
  return {
    rows,
    async read(key) {
      const text = rows.get(key);
      return text === undefined ? undefined : parseConversationState(text);
    },
    async write(key, state) {
      rows.set(key, JSON.stringify(state));
    },
    async delete(key) {
      rows.delete(key);
    },
  };
}

export function memoryNoticeStore(): NoticeStore & { rows: Map<string, NoticeMessage> } {
  const rows = new Map<string, NoticeMessage>();
  return {
    rows,
    async create(message) {
      rows.set(message.noticeId, message);
    },
    async message(noticeId) {
      return rows.get(noticeId) ?? null;
    },
    async claim(noticeId) {
      const row = rows.get(noticeId) ?? null;
      rows.delete(noticeId);
      return row;
    },
  };
}

export function memoryAttentionStore(): AttentionStore & { rows: Map<number, AttentionMessage> } {
  const rows = new Map<number, AttentionMessage>();
  let lastId = 0;
  const ofSession = (sessionId: string) => [...rows.values()].find((row) => row.sessionId === sessionId) ?? null;
  const take = (row: AttentionMessage | null | undefined) => {
    if (row) rows.delete(row.id);
    return row ?? null;
  };
  return {
    rows,
    async open(item) {
      take(ofSession(item.sessionId));
      lastId += 1;
      rows.set(lastId, { ...item, id: lastId, messageId: null });
      return lastId;
    },
    async posted(id, messageId) {
      const row = rows.get(id);
      if (row) rows.set(id, { ...row, messageId });
    },
    async message(id) {
      return rows.get(id) ?? null;
    },
    async claim(id) {
      return take(rows.get(id));
    },
    async claimSession(sessionId) {
      return take(ofSession(sessionId));
    },
    async restore(item) {
      if (!rows.has(item.id) && ofSession(item.sessionId) === null) rows.set(item.id, item);
    },
  };
}
