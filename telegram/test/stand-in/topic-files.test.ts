/**
 * Files in a session's topic, through the real bot and the Bot API stand-in (the user's files sent as its chat page
 * sends them): a document or photo reaches core's `files.upload` (a recording `FileControl`) as the bytes downloaded
 * from Telegram, only once core reads them; a file over the limit is refused from the size Telegram states, with
 * nothing downloaded; `/get` sends the file back as a document in the topic; refusals are answered with their message.
 */
import { FILE_MAX_BYTES } from '@vibecode/schemas';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { harness, session, USER, USER_ID } from './harness.ts';

async function inTopic(options: { topicsEnabled?: boolean } = {}) {
  const h = await harness(options);
  const [binding] = await h.surface.opened(session('sess-1'));
  if (!binding) throw new Error('no binding');
  const threadId: number = JSON.parse(binding.conversation).thread_id;
  return { ...h, threadId };
}

type Scene = Awaited<ReturnType<typeof harness>>;

/** Ada sends a message from the stand-in's chat page: in topic `thread_id`, or as a reply to `reply_to`. */
async function pageSend(h: Scene, body: { text?: string; file?: object; thread_id?: number; reply_to?: number }) {
  const res = await fetch(`${h.fake.url}/_fake/chat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: h.fake.url },
    // The page takes 5-32 character usernames only; Ada's is shorter, and the bot knows her by id.
    body: JSON.stringify({ user: { id: USER.id, first_name: USER.first_name }, ...body }),
  });
  const sent = (await res.json()) as { message: Message; delivery: { status: number } };
  if (sent.delivery.status !== 200) throw new Error(`the bot answered the webhook with ${sent.delivery.status}`);
  return sent.message;
}

/** Ada sends `data` as a document (or a photo) in topic `threadId` (none: the chat itself), as the chat page does. */
async function sendFile(h: Scene, name: string, data: Buffer, as: 'document' | 'photo', threadId?: number) {
  const stored = await fetch(`${h.fake.url}/_fake/files?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    body: data,
  });
  const { file_id } = (await stored.json()) as { file_id: string };
  return pageSend(h, { file: { file_id, as }, ...(threadId === undefined ? {} : { thread_id: threadId }) });
}

/** The bot's messages in the topic since call `from`: sent texts, and documents by their name. */
const repliesSince = (h: Scene, from: number) =>
  h
    .callsSince(from)
    .filter((c) => c.method === 'sendMessage' || c.method === 'sendDocument')
    .map((c) => c.result as Message);

const methodsSince = (h: Scene, from: number) => h.callsSince(from).map((c) => c.method);

/** A 1×1 PNG: the stand-in sends only a real image as a photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

describe('files in a session topic', () => {
  it("stores a document in the session's folder under its name and says where it landed", async () => {
    const h = await inTopic();
    const from = h.fake.calls().length;
    const sent = await sendFile(h, 'notes.md', Buffer.from('# hello file\n'), 'document', h.threadId);
    expect(h.files.calls).toEqual([
      { method: 'upload', userId: USER_ID, sessionId: 'sess-1', name: 'notes.md', size: 13 },
    ]);
    expect(new TextDecoder().decode(h.files.stored.get('notes.md'))).toBe('# hello file\n');
    expect(methodsSince(h, from)).toEqual(['getFile', 'sendMessage']);
    const [reply] = repliesSince(h, from);
    expect(reply?.text).toBe("Saved to notes.md in the session's folder (13 bytes).");
    expect(reply?.message_thread_id).toBe(h.threadId);
    // Noted as the user's newest message, so the next screen is posted below it.
    expect((await h.topics.topic(USER.id, h.threadId))?.lastUserMessageId).toBe(sent.message_id);
  });

  it('stores a photo (its largest size) as photo-<message id>.jpg', async () => {
    const h = await inTopic();
    const sent = await sendFile(h, 'shot.png', PNG, 'photo', h.threadId);
    const name = `photo-${sent.message_id}.jpg`;
    expect(h.files.calls).toEqual([{ method: 'upload', userId: USER_ID, sessionId: 'sess-1', name, size: PNG.length }]);
    expect(Buffer.from(h.files.stored.get(name) ?? [])).toEqual(PNG);
  });

  it('refuses a file over the limit from the size Telegram states, downloading nothing', async () => {
    const h = await inTopic();
    const from = h.fake.calls().length;
    await sendFile(h, 'big.bin', Buffer.alloc(FILE_MAX_BYTES + 1), 'document', h.threadId);
    expect(h.files.calls).toMatchObject([{ method: 'upload', name: 'big.bin', size: FILE_MAX_BYTES + 1 }]);
    expect(methodsSince(h, from)).toEqual(['sendMessage']);
    expect(repliesSince(h, from).map((m) => m.text)).toEqual([`files are limited to ${FILE_MAX_BYTES} bytes`]);
  });

  it('answers core’s refusal with its message and asks Telegram for nothing', async () => {
    const h = await inTopic();
    h.files.refuse = { code: 'session.not_running', message: 'the session is not running' };
    const from = h.fake.calls().length;
    await sendFile(h, 'a.txt', Buffer.from('a'), 'document', h.threadId);
    expect(methodsSince(h, from)).toEqual(['sendMessage']);
    expect(repliesSince(h, from).map((m) => m.text)).toEqual(['the session is not running']);
  });

  it('says so when Telegram does not hand the file over', async () => {
    const h = await inTopic();
    const from = h.fake.calls().length;
    const delivery = await h.fake.deliver({
      message: {
        message_id: 900,
        date: 0,
        chat: { id: USER.id, type: 'private', first_name: USER.first_name },
        from: USER,
        message_thread_id: h.threadId,
        is_topic_message: true,
        document: { file_id: 'no-such-file', file_unique_id: 'u', file_name: 'gone.txt', file_size: 4 },
      },
    });
    expect(delivery.status).toBe(200);
    expect(h.files.stored.size).toBe(0);
    expect(repliesSince(h, from).map((m) => m.text)).toEqual([
      'Telegram did not hand over the file, so it was not saved. Send it again.',
    ]);
  });

  it('asks getFile for the size when the message does not state it', async () => {
    const h = await inTopic();
    const stored = await fetch(`${h.fake.url}/_fake/files?name=plain.txt`, { method: 'POST', body: 'plain' });
    const { file_id } = (await stored.json()) as { file_id: string };
    await h.fake.deliver({
      message: {
        message_id: 901,
        date: 0,
        chat: { id: USER.id, type: 'private', first_name: USER.first_name },
        from: USER,
        message_thread_id: h.threadId,
        is_topic_message: true,
        document: { file_id, file_unique_id: 'u', file_name: 'plain.txt' },
      },
    });
    expect(h.files.calls).toMatchObject([{ method: 'upload', name: 'plain.txt', size: 5 }]);
    expect(h.fake.calls().filter((c) => c.method === 'getFile')).toHaveLength(1);
    expect(new TextDecoder().decode(h.files.stored.get('plain.txt'))).toBe('plain');
  });

  it('sends a file back as a document in the topic with /get, captioned with its path', async () => {
    const h = await inTopic();
    h.files.stored.set('src/app.ts', new TextEncoder().encode('export {};\n'));
    const from = h.fake.calls().length;
    await h.write('/get src/app.ts', h.threadId);
    expect(h.files.calls).toEqual([{ method: 'download', userId: USER_ID, sessionId: 'sess-1', path: 'src/app.ts' }]);
    expect(h.sessions.calls).toEqual([]);
    const [sent] = repliesSince(h, from);
    expect(sent?.message_thread_id).toBe(h.threadId);
    expect(sent?.caption).toBe('src/app.ts');
    expect(sent?.document).toMatchObject({ file_name: 'app.ts', file_size: 11 });
    // What Telegram got is the file: download it back as a client would.
    const file = (await (
      await fetch(`${h.fake.url}/bot${h.config.token}/getFile?file_id=${sent?.document?.file_id}`)
    ).json()) as { result: { file_path: string } };
    const bytes = await (await fetch(`${h.fake.url}/file/bot${h.config.token}/${file.result.file_path}`)).text();
    expect(bytes).toBe('export {};\n');
  });

  it('answers /get without a path with its usage, and core’s refusals with their message', async () => {
    const h = await inTopic();
    let from = h.fake.calls().length;
    await h.write('/get', h.threadId);
    await h.write('/get missing.txt', h.threadId);
    expect(repliesSince(h, from).map((m) => m.text)).toEqual([
      "Usage: /get <path>, a file in the session's folder, e.g. /get notes.md or /get src/app.ts.",
      'the file is gone',
    ]);
    h.files.refuse = { code: 'file.path_invalid', message: 'path must be relative to the session workdir, without ..' };
    from = h.fake.calls().length;
    await h.write('/get ../etc/passwd', h.threadId);
    expect(repliesSince(h, from).map((m) => [m.text, m.message_thread_id])).toEqual([
      ['path must be relative to the session workdir, without ..', h.threadId],
    ]);
    expect(h.fake.calls().some((c) => c.method === 'sendDocument')).toBe(false);
  });

  it('says so when the file breaks off on its way from the server, and sends nothing half', async () => {
    const h = await inTopic();
    h.files.stored.set('log.txt', new TextEncoder().encode('0123456789'));
    h.files.breakDownloads = true;
    const from = h.fake.calls().length;
    await h.write('/get log.txt', h.threadId);
    const sent = h.callsSince(from).filter((c) => c.method === 'sendDocument' || c.method === 'sendMessage');
    expect(sent.map((c) => [c.method, (c.result as Message | null)?.text])).toEqual([
      ['sendMessage', 'The file could not be read from the server to its end, so it was not sent. Try /get again.'],
    ]);
  });

  it('refuses files in a topic whose session ended, and leaves files outside topics alone', async () => {
    const h = await inTopic();
    await h.topics.ended(USER.id, h.threadId);
    let from = h.fake.calls().length;
    await sendFile(h, 'late.txt', Buffer.from('late'), 'document', h.threadId);
    await h.write('/get late.txt', h.threadId);
    expect(repliesSince(h, from).map((m) => m.text)).toEqual([
      'This session has ended: messages here no longer reach it.',
      'This session has ended: messages here no longer reach it.',
    ]);
    from = h.fake.calls().length;
    await sendFile(h, 'stray.txt', Buffer.from('stray'), 'document');
    expect(methodsSince(h, from)).not.toContain('getFile');
    expect(h.files.calls).toEqual([]);
  });

  it('takes a file and /get as replies to a pinned session’s message when the chat has no topics', async () => {
    const h = await harness({ topicsEnabled: false });
    const [binding] = await h.surface.opened(session('sess-1'));
    const pinnedId: number = JSON.parse(binding?.conversation ?? '{}').pinned_message_id;
    const stored = await fetch(`${h.fake.url}/_fake/files?name=data.csv`, { method: 'POST', body: 'a,b\n' });
    const { file_id } = (await stored.json()) as { file_id: string };
    let from = h.fake.calls().length;
    await pageSend(h, { file: { file_id, as: 'document' }, reply_to: pinnedId });
    expect(h.files.calls).toMatchObject([{ method: 'upload', sessionId: 'sess-1', name: 'data.csv', size: 4 }]);
    const [saved] = repliesSince(h, from);
    expect(saved?.text).toBe("Saved to data.csv in the session's folder (4 bytes).");
    expect(saved?.reply_to_message?.message_id).toBe(pinnedId);

    from = h.fake.calls().length;
    await pageSend(h, { text: '/get data.csv', reply_to: pinnedId });
    const [document] = repliesSince(h, from);
    expect(document?.document?.file_name).toBe('data.csv');
    expect(document?.reply_to_message?.message_id).toBe(pinnedId);
  });
});
