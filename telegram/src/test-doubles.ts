/**
 * In-memory stand-ins for the bot's D1 stores, with the D1 stores' rules (those run on a real D1 in `test/`), and a
 * `SessionControl` that records what the bot asks of core. Core is not Telegram, so recording it is no fake of
 * Telegram's; the Bot API itself is the stand-in (`@vibecode/fakes/telegram`).
 */
import type {
  AnsweredNotices,
  ControlError,
  ControlResult,
  FileControl,
  FileDownload,
  NewSessionRequest,
  NoticeAnswer,
  NoticeControl,
  NoticeReply,
  OwnedSession,
  SavedFile,
  ServerControl,
  ServerSummary,
  SessionControl,
} from '@vibecode/core/ports';
import { FILE_MAX_BYTES, type SshKey } from '@vibecode/schemas';
import { type ConversationStore, parseConversationState } from './db/conversation-store.ts';
import type { LinkStore, TelegramLink } from './db/link-store.ts';
import type { NoticeMessage, NoticeStore } from './db/notice-store.ts';
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

export type SessionCall = { method: 'input' | 'end' | 'redraw'; userId: string; sessionId: string; data?: string };

/**
 * Records every call; answers `ok`, or the error set in `refuse` (a `ControlError`'s code and message). `create` also
 * refuses a blank title as core does, and adds the session to `open`, which `list` answers from.
 */
export function recordingSessions(): SessionControl & {
  calls: SessionCall[];
  refuse: { code: string; message: string } | null;
  created: { userId: string; vpsId: string; request: NewSessionRequest }[];
  open: OwnedSession[];
} {
  const calls: SessionCall[] = [];
  const state = {
    calls,
    refuse: null as { code: string; message: string } | null,
    created: [] as { userId: string; vpsId: string; request: NewSessionRequest }[],
    open: [] as OwnedSession[],
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
    async create(userId: string, vpsId: string, request: NewSessionRequest): Promise<ControlResult<OwnedSession>> {
      state.created.push({ userId, vpsId, request });
      if (state.refuse !== null) return { ok: false, error: state.refuse };
      const title = request.title.trim();
      if (title === '') {
        return {
          ok: false,
          error: { code: 'http.invalid_body', message: 'title must be printable text, not only spaces' },
        };
      }
      const n = state.created.length;
      const session: OwnedSession = {
        userId,
        vpsId,
        vpsName: 'api',
        sessionId: `sess-new-${n}`,
        sessionNumber: n,
        title,
        agentType: request.agentType,
        status: 'running',
      };
      state.open.push(session);
      return { ok: true, value: session };
    },
    async list(userId: string) {
      return state.open.filter((s) => s.userId === userId);
    },
  });
}

export type ServerCall = { method: 'power' | 'keys'; userId: string; vpsId: string; action?: string };

/**
 * The user's servers as given; records `power` and `keys`, answering from `servers` and `keysOf` (a power action moves
 * the status as core's would), or the error set in `refuse`. Another user's server is `vps.not_found`, as in core.
 */
export function recordingServers(
  userId: string,
  servers: ServerSummary[],
): ServerControl & { calls: ServerCall[]; refuse: ControlError | null; keysOf: Map<string, SshKey[]> } {
  const state = { calls: [] as ServerCall[], refuse: null as ControlError | null, keysOf: new Map<string, SshKey[]>() };
  const owned = (user: string, vpsId: string) => (user === userId ? servers.find((s) => s.vpsId === vpsId) : undefined);
  const notFound = { ok: false as const, error: { code: 'vps.not_found', message: 'no such VPS' } };
  return Object.assign(state, {
    async list(user: string): Promise<ServerSummary[]> {
      return user === userId ? servers.map((s) => ({ ...s })) : [];
    },
    async power(user: string, vpsId: string, action: 'on' | 'off'): Promise<ControlResult<ServerSummary>> {
      state.calls.push({ method: 'power', userId: user, vpsId, action });
      if (state.refuse !== null) return { ok: false, error: state.refuse };
      const server = owned(user, vpsId);
      if (server === undefined) return notFound;
      server.status = action === 'off' ? 'powered_off' : 'powering_on';
      return { ok: true, value: { ...server } };
    },
    async keys(user: string, vpsId: string): Promise<ControlResult<SshKey[]>> {
      state.calls.push({ method: 'keys', userId: user, vpsId });
      if (state.refuse !== null) return { ok: false, error: state.refuse };
      if (owned(user, vpsId) === undefined) return notFound;
      return { ok: true, value: state.keysOf.get(vpsId) ?? [] };
    },
  });
}

/** The D1 conversation store's rules over a map: the state goes through JSON, as it does into D1. */
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

/** The D1 notice store's rules over a map. */
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

export type NoticeCall = { userId: string; noticeId: string; action: NoticeReply };

/**
 * Records every answer; answers as core would (`powered_off` for Power off…) and then runs `onAnswered` (a test
 * hands it the channel's `answered`, as core's notifier would), or the error set in `refuse`.
 */
export function recordingNotices(
  onAnswered: (answered: AnsweredNotices) => Promise<void> = async () => {},
): NoticeControl & {
  calls: NoticeCall[];
  refuse: { code: string; message: string } | null;
} {
  const byAction: Record<NoticeReply, NoticeAnswer> = {
    power_off: 'powered_off',
    keep_running: 'kept_running',
    retry: 'retried',
  };
  const state = { calls: [] as NoticeCall[], refuse: null as { code: string; message: string } | null };
  return Object.assign(state, {
    async answer(userId: string, noticeId: string, action: NoticeReply): Promise<ControlResult<NoticeAnswer>> {
      state.calls.push({ userId, noticeId, action });
      if (state.refuse !== null) return { ok: false, error: state.refuse };
      const answer = byAction[action];
      await onAnswered({ ids: [noticeId], userId, vpsId: 'vps-1', kind: 'vps.idle', answer });
      return { ok: true, value: answer };
    },
  });
}

export type FileCall =
  | { method: 'upload'; userId: string; sessionId: string; name: string; size: number }
  | { method: 'download'; userId: string; sessionId: string; path: string };

/**
 * Records every call. `upload` answers the error set in `refuse`, or core's `file.too_large` for a size over its limit,
 * with the body cancelled unread, as core does; otherwise reads the body to its end into `stored` (a body that fails rejects the call with its error, as core's
 * does). `download` answers `refuse`, a file from `stored`, or `file.not_found`; with `breakDownloads` the stream
 * fails after its first half, as a gateway that went away would leave it.
 */
export function recordingFiles(): FileControl & {
  calls: FileCall[];
  refuse: { code: string; message: string } | null;
  stored: Map<string, Uint8Array>;
  breakDownloads: boolean;
} {
  const state = {
    calls: [] as FileCall[],
    refuse: null as { code: string; message: string } | null,
    stored: new Map<string, Uint8Array>(),
    breakDownloads: false,
  };
  const contentOf = (bytes: Uint8Array) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        if (!state.breakDownloads) {
          controller.enqueue(bytes);
          controller.close();
          return;
        }
        controller.enqueue(bytes.slice(0, bytes.byteLength / 2));
        controller.error(new Error('the gateway went away'));
      },
    });
  return Object.assign(state, {
    async upload(
      userId: string,
      sessionId: string,
      file: { name: string; size: number; body: ReadableStream<Uint8Array> },
    ): Promise<ControlResult<SavedFile>> {
      state.calls.push({ method: 'upload', userId, sessionId, name: file.name, size: file.size });
      const refusal =
        state.refuse ??
        (file.size > FILE_MAX_BYTES
          ? { code: 'file.too_large', message: `files are limited to ${FILE_MAX_BYTES} bytes` }
          : null);
      if (refusal !== null) {
        await file.body.cancel();
        return { ok: false, error: refusal };
      }
      const bytes = new Uint8Array(await new Response(file.body).arrayBuffer());
      state.stored.set(file.name, bytes);
      return { ok: true, value: { path: file.name, size: bytes.byteLength } };
    },
    async download(userId: string, sessionId: string, path: string): Promise<ControlResult<FileDownload>> {
      state.calls.push({ method: 'download', userId, sessionId, path });
      if (state.refuse !== null) return { ok: false, error: state.refuse };
      const bytes = state.stored.get(path);
      if (bytes === undefined) return { ok: false, error: { code: 'file.not_found', message: 'the file is gone' } };
      const name = path.slice(path.lastIndexOf('/') + 1);
      return { ok: true, value: { name, size: bytes.byteLength, body: contentOf(bytes) } };
    },
  });
}
