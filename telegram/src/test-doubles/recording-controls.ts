/**
 * Core's ports as the bot's tests drive them: each records what the bot asks of core and answers as told. Core is not
 * Telegram, so recording it is no fake of Telegram's; the Bot API itself is the stand-in (`@vibecode/fakes/telegram`).
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
  PromptReply,
  SavedFile,
  ServerControl,
  ServerSummary,
  SessionControl,
} from '@vibecode/core/ports';
import { FILE_MAX_BYTES, type SshKey } from '@vibecode/schemas';

/** The D1 store's rules over two maps. */
export type SessionCall = {
  method: 'input' | 'end' | 'redraw' | 'answer' | 'continueAtReset';
  userId: string;
  sessionId: string;
  data?: string;
  reply?: PromptReply;
  enabled?: boolean;
};

/**
 * Records every call; answers `ok`, or the error set in `refuse` (a `ControlError`'s code and message). `create` also
 * refuses a blank title as core does, and adds the session to `open`, which `list` answers from. `continueAtReset`
 * answers `continuesAt`.
 */
export function recordingSessions(): SessionControl & {
  calls: SessionCall[];
  refuse: { code: string; message: string } | null;
  created: { userId: string; vpsId: string; request: NewSessionRequest }[];
  open: OwnedSession[];
  continuesAt: number | null;
} {
  const calls: SessionCall[] = [];
  const state = {
    calls,
    refuse: null as { code: string; message: string } | null,
    created: [] as { userId: string; vpsId: string; request: NewSessionRequest }[],
    open: [] as OwnedSession[],
    continuesAt: null as number | null,
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
    async answer(userId: string, sessionId: string, reply: PromptReply) {
      calls.push({ method: 'answer', userId, sessionId, reply });
      return result();
    },
    async continueAtReset(userId: string, sessionId: string, enabled: boolean): Promise<ControlResult<number | null>> {
      calls.push({ method: 'continueAtReset', userId, sessionId, enabled });
      return state.refuse === null ? { ok: true, value: state.continuesAt } : { ok: false, error: state.refuse };
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
/** The D1 notice store's rules over a map. */
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
