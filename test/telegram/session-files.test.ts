/**
 * Files in a session's Telegram topic (issue 15 item 6), through the real system: the Worker's bot (webhook → Queue →
 * grammY) downloads a document the user sent from the Bot API stand-in and core relays it through the GatewayHub to a
 * gateway from this repo on this machine, which writes it into the session's workdir; `/get` sends it back as a
 * document in the topic; a file over 20 MiB is refused from the size Telegram states, before anything is downloaded.
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedCall } from '@vibecode/fakes/telegram';
import { FILE_MAX_BYTES } from '@vibecode/schemas';
import type { Message, Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalGateway } from '../e2e/gateway.ts';
import { poll } from '../system/client.ts';
import { linkChat, localServer, startTelegramStack, type TelegramStack, textFrom } from './telegram-stack.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-tg-files-'));
const workspaceRoot = join(dir, 'workspace');
const chat = randomInt(7_300_000, 7_399_999);

let stack: TelegramStack;
let gateway: LocalGateway | undefined;
let workdir: string;
let threadId: number;

beforeAll(async () => {
  stack = await startTelegramStack({ VPS_WORKSPACE_ROOT: workspaceRoot });
});
afterAll(async () => {
  await gateway?.stop();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const callsOf = (method: string) => stack.telegram.calls().filter((call) => call.method === method);
const inTopic = (call: RecordedCall) => Number(call.params.message_thread_id) === threadId;
const messageIdOf = (call: RecordedCall) => (call.result as { message_id?: number } | null)?.message_id ?? 0;
const newestMessageId = () => Math.max(0, ...stack.telegram.calls().map(messageIdOf));

/** A message in the topic, as Telegram sends it: its id follows the chat's newest. */
function topicMessage(content: Partial<Message>) {
  const { message } = textFrom(chat, '', newestMessageId() + 1);
  const { text: _text, ...rest } = message;
  const update = { message: { ...rest, ...content, message_thread_id: threadId, is_topic_message: true } };
  return update as Omit<Update, 'update_id'>;
}

/** Stores `data` in the stand-in as a file the user sends, as its chat page does. */
async function userFile(name: string, data: Buffer) {
  const res = await fetch(`${stack.telegram.url}/_fake/files?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    body: new Uint8Array(data),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { file_id: string; file_unique_id: string; file_size: number; file_name: string };
}

/**
 * The bot's next reply in the topic after `before` texts, passing over the screens it posts there too: once the
 * user has written below the screen message, the terminal's next change is posted anew (`<pre>`, or `<i>` when blank).
 */
const nextTopicText = (before: number) =>
  poll('a reply in the topic', async () =>
    callsOf('sendMessage')
      .filter(inTopic)
      .slice(before)
      .map((call) => String(call.params.text))
      .find((text) => !text.startsWith('<pre>') && !text.startsWith('<i>')),
  );
const topicTextCount = () => callsOf('sendMessage').filter(inTopic).length;

describe('files in a session’s Telegram topic', () => {
  it('links the account, brings a local server online and opens a session in its topic', async () => {
    await linkChat(stack, chat);
    const server = await localServer(stack, { name: 'tg-files', dir, workspaceRoot });
    gateway = server.gateway;
    const vpsId = server.vpsId;
    const { session } = await stack.browser.json<{ session: { workdir: string } }>(
      'POST',
      `/api/vps/${vpsId}/sessions`,
      { title: 'files', agent_type: 'shell' },
      201,
    );
    workdir = session.workdir;
    const created = await poll('a topic', async () => callsOf('createForumTopic')[0]);
    threadId = (created.result as { message_thread_id: number }).message_thread_id;
    await poll('the first screen in the topic', async () => callsOf('sendMessage').find(inTopic));
  });

  it("stores a document sent in the topic in the session's workdir and says where it landed", async () => {
    const content = Buffer.from(`hello from telegram ${randomInt(1_000_000)}\n`);
    const file = await userFile('hello.txt', content);
    const before = topicTextCount();
    await stack.telegram.deliver(topicMessage({ document: file }));
    const reply = await poll('the saved reply', async () => {
      const texts = callsOf('sendMessage').filter(inTopic).slice(before);
      return texts.map((call) => String(call.params.text)).find((text) => text.startsWith('Saved'));
    });
    expect(reply).toBe(`Saved to hello.txt in the session's folder (${content.length} bytes).`);
    expect(readFileSync(join(workdir, 'hello.txt'))).toEqual(content);
  });

  it('sends the file back as a document in the topic with /get', async () => {
    await stack.telegram.deliver(topicMessage({ text: '/get hello.txt' }));
    const sent = await poll('the document in the topic', async () => callsOf('sendDocument').find(inTopic));
    const document = (sent.result as Message).document;
    expect(document?.file_name).toBe('hello.txt');
    expect(sent.params.caption).toBe('hello.txt');
    // As the chat page shows it: the file Telegram now holds.
    const back = await fetch(`${stack.telegram.url}/_fake/chat/files/${document?.file_id}`);
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer())).toEqual(readFileSync(join(workdir, 'hello.txt')));
  });

  it('refuses a file over 20 MiB from the size Telegram states, downloading nothing', async () => {
    const file = await userFile('big.bin', Buffer.alloc(FILE_MAX_BYTES + 1));
    const before = topicTextCount();
    await stack.telegram.deliver(topicMessage({ document: file }));
    expect(await nextTopicText(before)).toBe(`files are limited to ${FILE_MAX_BYTES} bytes`);
    expect(callsOf('getFile').filter((call) => call.params.file_id === file.file_id)).toEqual([]);
    expect(existsSync(join(workdir, 'big.bin'))).toBe(false);
  });
});
