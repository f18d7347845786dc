/**
 * A real grammY Bot (1.46) pointed at the stand-in with `client.apiRoot`: the same calls the VibeCode bot makes,
 * grammY's multipart uploads, its error objects, and a full webhook round trip through `webhookCallback`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, InputFile, webhookCallback } from 'grammy';
import { expect, it } from 'vitest';
import type { FakeTelegram } from '../src/index.ts';
import { fake, json, TOKEN, USER, userMessage, userStartsChat } from './helpers.ts';

const botFor = (f: FakeTelegram, token = TOKEN) => new Bot(token, { client: { apiRoot: f.url } });

async function rejection(promise: Promise<unknown>): Promise<GrammyError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrammyError);
  return err as GrammyError;
}

it('initialises, sends, edits and gets "message is not modified" as a GrammyError', async () => {
  const f = await fake();
  const bot = botFor(f);
  await bot.init();
  expect(bot.botInfo).toMatchObject({ id: 123456, username: 'vibecode_local_bot', has_topics_enabled: true });
  await userStartsChat(f);
  const sent = await bot.api.sendMessage(USER.id, '<b>Linked</b> as a***@example.com', {
    parse_mode: 'HTML',
    reply_markup: { inline_keyboard: [[{ text: 'Open', url: 'https://example.com' }]] },
  });
  expect(sent.text).toBe('Linked as a***@example.com');
  const edited = await bot.api.editMessageText(USER.id, sent.message_id, 'Unlinked');
  expect(edited).toMatchObject({ text: 'Unlinked' });
  const err = await rejection(bot.api.editMessageText(USER.id, sent.message_id, 'Unlinked'));
  expect(err.error_code).toBe(400);
  expect(err.description).toBe(
    'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  );
  expect(f.calls().map((c) => c.method)).toEqual(['getMe', 'sendMessage', 'editMessageText', 'editMessageText']);
});

it('gives grammY a 429 with parameters.retry_after', async () => {
  const f = await fake();
  const bot = botFor(f);
  f.switches.set({ rateLimit: { count: 1, retryAfter: 3 } });
  const err = await rejection(bot.api.getMe());
  expect(err.error_code).toBe(429);
  expect(err.parameters.retry_after).toBe(3);
  expect((await bot.api.getMe()).id).toBe(123456);
});

it('refuses grammY with a wrong token (401) and reports bad parameters (400)', async () => {
  const f = await fake();
  const wrong = await rejection(botFor(f, '123456:other').api.getMe());
  expect(wrong.error_code).toBe(401);
  expect(wrong.description).toBe('Unauthorized');
  const bad = await rejection(botFor(f).api.sendMessage(USER.id, 'no chat yet'));
  expect(bad.description).toBe('Bad Request: chat not found');
});

it("takes grammY's multipart sendDocument, and getFile + download give the bytes back", async () => {
  const f = await fake();
  const bot = botFor(f);
  await userStartsChat(f);
  const sent = await bot.api.sendDocument(USER.id, new InputFile(Buffer.from('line 1\nline 2\n'), 'screen.txt'), {
    caption: 'screen',
  });
  expect(sent.document).toMatchObject({ file_name: 'screen.txt', file_size: 14, mime_type: 'text/plain' });
  expect(sent.caption).toBe('screen');
  const upload = f.calls()[0]?.params as Record<string, unknown>;
  expect(upload.document).toMatch(/^attach:\/\//);
  const file = await bot.api.getFile(sent.document.file_id);
  const res = await fetch(`${f.url}/file/bot${TOKEN}/${file.file_path}`);
  expect(await res.text()).toBe('line 1\nline 2\n');
});

it('manages topics, commands and the menu button through grammY', async () => {
  const f = await fake();
  const bot = botFor(f);
  await userStartsChat(f);
  const topic = await bot.api.createForumTopic(USER.id, 'api · claude');
  const inTopic = await bot.api.sendMessage(USER.id, 'ready', { message_thread_id: topic.message_thread_id });
  expect(inTopic.message_thread_id).toBe(topic.message_thread_id);
  await bot.api.sendChatAction(USER.id, 'typing', { message_thread_id: topic.message_thread_id });
  expect(await bot.api.editForumTopic(USER.id, topic.message_thread_id, { name: 'api · done' })).toBe(true);
  expect(await bot.api.deleteForumTopic(USER.id, topic.message_thread_id)).toBe(true);

  const commands = [
    { command: 'start', description: 'Link your account' },
    { command: 'unlink', description: 'Unlink' },
  ];
  expect(await bot.api.setMyCommands(commands)).toBe(true);
  expect(await bot.api.getMyCommands()).toEqual(commands);
  expect(await bot.api.getMyCommands({ scope: { type: 'all_private_chats' } })).toEqual([]);
  expect(await bot.api.deleteMyCommands()).toBe(true);
  expect(await bot.api.getMyCommands()).toEqual([]);
  expect((await rejection(bot.api.setMyCommands([{ command: 'Bad Name', description: 'x' }]))).description).toBe(
    'Bad Request: BOT_COMMAND_INVALID',
  );
  expect((await rejection(bot.api.setMyCommands([{ command: 'ok', description: '' }]))).description).toBe(
    'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID',
  );

  expect(await bot.api.setChatMenuButton({ menu_button: { type: 'commands' } })).toBe(true);
  expect(await bot.api.getChatMenuButton({ chat_id: USER.id })).toEqual({ type: 'commands' });
  const webApp = { type: 'web_app' as const, text: 'Open', web_app: { url: 'https://example.com/app' } };
  expect(await bot.api.setChatMenuButton({ chat_id: USER.id, menu_button: webApp })).toBe(true);
  expect(await bot.api.getChatMenuButton({ chat_id: USER.id })).toEqual(webApp);
});

it('refuses malformed commands and menu buttons', async () => {
  const f = await fake();
  const bot = botFor(f);
  const raw = (method: string, payload: object) => bot.api.raw[method as 'getMe'](payload as never);
  expect((await rejection(raw('setMyCommands', {}))).description).toBe('Bad Request: parameter "commands" is required');
  expect((await rejection(raw('setMyCommands', { commands: 'x' }))).description).toBe(
    "Bad Request: can't parse commands JSON object",
  );
  expect((await rejection(raw('setMyCommands', { commands: [{ command: 1 }] }))).description).toBe(
    'Bad Request: can\'t parse BotCommand: Field "command" must be of type String',
  );
  expect((await rejection(raw('getMyCommands', { scope: '{' }))).description).toBe(
    "Bad Request: can't parse BotCommandScope JSON object",
  );
  expect((await rejection(raw('setChatMenuButton', { menu_button: { type: 'web_app' } }))).description).toBe(
    "Bad Request: can't parse menu button JSON object",
  );
  expect(
    (await rejection(raw('setChatMenuButton', { chat_id: 1, menu_button: { type: 'default' } }))).description,
  ).toBe('Bad Request: chat not found');
});

it("delivers an update to grammY's webhookCallback with the secret, and the bot's reply is recorded", async () => {
  const f = await fake();
  const bot = botFor(f);
  bot.command('start', (ctx) => ctx.reply(`linked: ${ctx.match}`));
  const handler = webhookCallback(bot, 'http', { secretToken: 'hook-secret' });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
    await bot.api.setWebhook(url, { secret_token: 'hook-secret', allowed_updates: ['message', 'callback_query'] });
    const res = await fetch(`${f.url}/_fake/updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        update_id: 1,
        ...userMessage('/start code123'),
      }),
    });
    expect(await json(res)).toEqual({ delivered: true, status: 200 });
    const reply = f.calls().find((c) => c.method === 'sendMessage');
    expect(reply?.params).toMatchObject({ chat_id: USER.id, text: 'linked: code123' });
    expect(reply?.result).toMatchObject({ text: 'linked: code123', chat: { id: USER.id } });

    await bot.api.setWebhook(url, { secret_token: 'other-secret' });
    expect(await f.deliver(userMessage('/start again'))).toEqual({ delivered: true, status: 401 });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  }
});
