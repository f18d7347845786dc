/**
 * The chat page's endpoints over plain HTTP: the page and its files, who may call them (Host / Origin), sending as
 * the user (text, commands, topics, replies, documents, photos) through the webhook delivery, button presses, and
 * the chat's files.
 */
import { expect, it } from 'vitest';
import { ADA, hooked, ONE_PIXEL_PNG, post, send, upload, withHost } from './chat-page-helpers.ts';
import { type Body, call, fake } from './helpers.ts';

it('serves the page with a strict CSP, its scripts and styles, and nothing else from its folder', async () => {
  const f = await fake();
  const page = await fetch(`${f.url}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(await page.text()).toContain('<script type="module" src="/_fake/chat/page/main.js"></script>');
  const script = await fetch(`${f.url}/_fake/chat/page/main.js`);
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect((await fetch(`${f.url}/_fake/chat/page/messages.css`)).headers.get('content-type')).toBe(
    'text/css; charset=utf-8',
  );
  for (const path of ['tsconfig.json', 'entities.test.ts', '..%2Fsrc%2Fserver.ts', 'nothing.js']) {
    const res = await fetch(`${f.url}/_fake/chat/page/${path}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as Body).error.code).toBe('fake.not_found');
  }
  expect((await fetch(`${f.url}/_fake/chat/nothing`)).status).toBe(404);
});

it('answers only its loopback names, and takes POSTs only from its own origin', async () => {
  const f = await fake();
  expect(await withHost(f, '/', `localhost:${f.port}`)).toBe(200);
  expect(await withHost(f, '/', 'localhost:8080')).toBe(200);
  expect(await withHost(f, '/', '[::1]:8791')).toBe(200);
  expect(await withHost(f, '/', `127.0.0.1.evil.example:${f.port}`)).toBe(403);
  expect(await withHost(f, '/', `evil.example:${f.port}`)).toBe(403);
  expect(await withHost(f, '/_fake/chat/events?chat_id=1', 'evil.example')).toBe(403);
  const foreign = await post(f, '/_fake/chat/messages', { user: ADA, text: 'hi' }, 'https://evil.example');
  expect(foreign).toEqual({
    status: 403,
    body: { error: { code: 'fake.forbidden', message: 'cross-origin requests are refused' } },
  });
  const noOrigin = await fetch(`${f.url}/_fake/chat/callback`, { method: 'POST', body: '{}' });
  expect(noOrigin.status).toBe(403);
  expect(f.calls()).toEqual([]);
});

it('sends text as a message update through the webhook, with the secret header and command entities', async () => {
  const f = await fake();
  const hook = await hooked(f);
  const first = await send(f, { text: '/start abc' });
  expect(first.status).toBe(200);
  expect(first.body.delivery).toEqual({ delivered: true, status: 200 });
  expect(hook.received[0]?.headers['x-telegram-bot-api-secret-token']).toBe('page-secret');
  const update = hook.received[0]?.body;
  expect(update.update_id).toBe(1);
  expect(update.message).toMatchObject({
    message_id: 1,
    from: { id: 5001, is_bot: false, first_name: 'Ada', username: 'ada_local', language_code: 'en' },
    chat: { id: 5001, type: 'private', first_name: 'Ada', username: 'ada_local' },
    text: '/start abc',
    entities: [{ type: 'bot_command', offset: 0, length: 6 }],
  });
  expect(update.message.message_thread_id).toBeUndefined();
  // The bot can now write to the user, and ids go on in the chat's one sequence.
  expect((await call(f, 'sendMessage', { chat_id: 5001, text: 'welcome' })).body.result.message_id).toBe(2);
  expect((await send(f, { text: 'plain' })).body.message.message_id).toBe(3);
  expect(hook.received[1]?.body.message.entities).toBeUndefined();
});

it('sends in a topic with message_thread_id + is_topic_message, and replies with reply_to_message', async () => {
  const f = await fake();
  const hook = await hooked(f);
  await send(f, { text: 'hi' });
  const topic = (await call(f, 'createForumTopic', { chat_id: 5001, name: 'Build' })).body.result;
  const inTopic = await send(f, { text: 'in topic', thread_id: topic.message_thread_id });
  expect(inTopic.body.message).toMatchObject({ message_thread_id: topic.message_thread_id, is_topic_message: true });
  const reply = await send(f, { text: 'about that', reply_to: inTopic.body.message.message_id });
  const replied = hook.received[2]?.body.message.reply_to_message;
  expect(replied).toMatchObject({ message_id: inTopic.body.message.message_id, text: 'in topic' });
  expect(reply.body.message.reply_to_message.reply_to_message).toBeUndefined();
  expect((await send(f, { text: 'x', thread_id: 999 })).body.error.message).toBe('message thread not found');
  expect((await send(f, { text: 'x', reply_to: 999 })).body.error.message).toBe('message to be replied not found');
  f.switches.set({ topicsEnabled: false });
  expect((await send(f, { text: 'x', thread_id: topic.message_thread_id })).status).toBe(400);
});

it('sends a stored file as a document, a PNG as a photo, with a caption; the bot can getFile them', async () => {
  const f = await fake();
  const hook = await hooked(f);
  const doc = await upload(f, 'notes.txt', Buffer.from('hello\n'));
  const sent = await send(f, { text: 'my notes', file: { file_id: doc, as: 'document' } });
  expect(sent.body.message).toMatchObject({
    document: { file_id: doc, file_name: 'notes.txt', file_size: 6, mime_type: 'text/plain' },
    caption: 'my notes',
  });
  expect(sent.body.message.text).toBeUndefined();
  const png = await upload(f, 'dot.png', ONE_PIXEL_PNG);
  await send(f, { file: { file_id: png, as: 'photo' } });
  const photo = hook.received[1]?.body.message;
  expect(photo.photo).toEqual([
    { file_id: png, file_unique_id: expect.any(String), file_size: ONE_PIXEL_PNG.length, width: 1, height: 1 },
  ]);
  expect(photo.caption).toBeUndefined();
  const file = (await call(f, 'getFile', { file_id: png })).body.result;
  expect(file.file_path).toMatch(/^documents\/file_\d+\.png$/);

  const notImage = await send(f, { file: { file_id: doc, as: 'photo' } });
  expect(notImage.body.error.message).toBe('only a PNG or JPEG can be sent as a photo: send it as a document');
  expect((await send(f, { file: { file_id: 'nope', as: 'document' } })).body.error.message).toBe(
    'unknown file_id: upload the file with POST /_fake/files first',
  );
  expect((await send(f, { file: { file_id: doc, as: 'video' } })).status).toBe(400);
  expect((await send(f, { text: 'c'.repeat(1025), file: { file_id: doc, as: 'document' } })).body.error.message).toBe(
    'message caption is too long',
  );
});

it('refuses bad users, texts and bodies with fake.bad_request, and delivers nothing', async () => {
  const f = await fake();
  const hook = await hooked(f);
  const cases: [unknown, string][] = [
    [{ text: 'x' }, 'user must be an object {id, first_name, username?}'],
    [{ user: { ...ADA, id: 0 }, text: 'x' }, 'user.id must be an integer from 1 to 4503599627370496'],
    [{ user: { ...ADA, id: 1.5 }, text: 'x' }, 'user.id must be an integer from 1 to 4503599627370496'],
    [{ user: { ...ADA, first_name: ' ' }, text: 'x' }, 'user.first_name must be 1-64 characters'],
    [{ user: { ...ADA, first_name: 'x'.repeat(65) }, text: 'x' }, 'user.first_name must be 1-64 characters'],
    [
      { user: { ...ADA, username: 'ab' }, text: 'x' },
      'user.username must be 5-32 letters, digits or _, starting with a letter',
    ],
    [{ user: ADA, text: '  ' }, 'message text is empty'],
    [{ user: ADA }, 'message text is empty'],
    [{ user: ADA, text: 5 }, 'text must be a string'],
    [{ user: ADA, text: 'x'.repeat(4097) }, 'message is too long'],
    [{ user: ADA, text: 'x', thread_id: -1 }, 'thread_id must be a positive integer'],
    [{ user: ADA, text: 'x', reply_to: 'a' }, 'reply_to must be a positive integer'],
    [[1], 'a message must be a JSON object'],
  ];
  for (const [body, message] of cases) {
    expect(await post(f, '/_fake/chat/messages', body)).toEqual({
      status: 400,
      body: { error: { code: 'fake.bad_request', message } },
    });
  }
  expect((await post(f, '/_fake/chat/messages', '{')).body.error.message).toBe('the body must be JSON');
  const huge = await post(f, '/_fake/chat/messages', { user: ADA, text: 'x'.repeat(70_000) });
  expect(huge.status).toBe(413);
  expect(hook.received).toEqual([]);
});

it('reports what happened to the update: no webhook, or the status the webhook answered', async () => {
  const f = await fake();
  const none = await send(f, { text: 'anyone?' });
  expect(none).toMatchObject({ status: 200, body: { delivery: { delivered: false, reason: 'no_webhook' } } });
  // The message is in the chat all the same, as on Telegram.
  expect((await call(f, 'sendMessage', { chat_id: ADA.id, text: 'yes' })).status).toBe(200);
  await hooked(f, 401);
  expect((await send(f, { text: 'again' })).body.delivery).toEqual({ delivered: true, status: 401 });
});

it('presses a callback button: a callback_query with the message and data; only buttons the message has', async () => {
  const f = await fake();
  const hook = await hooked(f);
  await send(f, { text: '/menu' });
  const keyboard = {
    inline_keyboard: [
      [
        { text: 'Yes', callback_data: 'yes' },
        { text: 'Web', url: 'https://x.y' },
      ],
    ],
  };
  const menu = (await call(f, 'sendMessage', { chat_id: ADA.id, text: 'Pick', reply_markup: keyboard })).body.result;
  const press = await post(f, '/_fake/chat/callback', { user: ADA, message_id: menu.message_id, data: 'yes' });
  expect(press.body.delivery).toEqual({ delivered: true, status: 200 });
  const query = hook.received[1]?.body.callback_query;
  expect(query).toEqual({
    id: press.body.callback_query_id,
    from: { id: 5001, is_bot: false, first_name: 'Ada', username: 'ada_local', language_code: 'en' },
    message: menu,
    chat_instance: expect.any(String),
    data: 'yes',
  });
  expect(query.id).toMatch(/^\d+$/);
  expect((await call(f, 'answerCallbackQuery', { callback_query_id: query.id })).body.result).toBe(true);
  const bad: [object, string][] = [
    [{ user: ADA, message_id: menu.message_id, data: 'no' }, 'that message has no button with this callback_data'],
    [{ user: ADA, message_id: menu.message_id }, 'that message has no button with this callback_data'],
    [{ user: ADA, message_id: 999, data: 'yes' }, 'message not found'],
    [{ user: { ...ADA, id: 6 }, message_id: menu.message_id, data: 'yes' }, 'message not found'],
  ];
  for (const [body, message] of bad) {
    expect((await post(f, '/_fake/chat/callback', body)).body).toEqual({
      error: { code: 'fake.bad_request', message },
    });
  }
  expect((await post(f, '/_fake/chat/callback', '"x"')).body.error.message).toBe(
    'a button press must be a JSON object',
  );
  expect(hook.received).toHaveLength(2);
});

it("serves the chat's files: PNG and JPEG inline, anything else as a sandboxed download", async () => {
  const f = await fake();
  const html = await upload(f, 'page.html', Buffer.from('<script>alert(1)</script>'));
  const res = await fetch(`${f.url}/_fake/chat/files/${html}`);
  expect(res.headers.get('content-type')).toBe('application/octet-stream');
  expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''page.html");
  expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
  expect(await res.text()).toBe('<script>alert(1)</script>');
  const png = await fetch(`${f.url}/_fake/chat/files/${await upload(f, 'a b.png', ONE_PIXEL_PNG)}`);
  expect(png.headers.get('content-type')).toBe('image/png');
  expect(png.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''a%20b.png");
  expect(Buffer.from(await png.arrayBuffer())).toEqual(ONE_PIXEL_PNG);
  for (const id of ['unknown', '%ZZ', '']) expect((await fetch(`${f.url}/_fake/chat/files/${id}`)).status).toBe(404);
});
