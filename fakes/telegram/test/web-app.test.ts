/**
 * The Mini App side of the stand-in over plain HTTP: telegram.org's script path, `web_app` inline buttons and the
 * `web_app` menu button (URLs, chats, Telegram's errors), the chat's menu button in the page's view, and initData
 * signed for a button the chat shows — with every bad-input path.
 */
import { createHmac, createPublicKey, verify } from 'node:crypto';
import { expect, it } from 'vitest';
import { ADA, events, post } from './chat-page-helpers.ts';
import { call, fake, TOKEN, USER, userMessage, userStartsChat } from './helpers.ts';

const app = (url: string) => ({ inline_keyboard: [[{ text: 'Open terminal', web_app: { url } }]] });

it('serves its telegram-web-app.js to any page, as telegram.org does', async () => {
  const f = await fake();
  const res = await fetch(`${f.url}/js/telegram-web-app.js`, { headers: { origin: 'https://app.example' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(await res.text()).toContain('web_app_setup_main_button');
  const head = await fetch(`${f.url}/js/telegram-web-app.js`, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect((await fetch(`${f.url}/js/telegram-web-app.js`, { method: 'POST' })).status).toBe(404);
  expect((await fetch(`${f.url}/js/other.js`)).status).toBe(404);
});

it('takes web_app buttons with an https URL, or http on a loopback host, in a private chat', async () => {
  const f = await fake();
  await userStartsChat(f);
  for (const url of [
    'https://app.example/miniapp?session=s1',
    'http://127.0.0.1:8787/miniapp',
    'http://localhost:1/',
  ]) {
    const sent = await call(f, 'sendMessage', { chat_id: USER.id, text: 'screen', reply_markup: app(url) });
    expect(sent.body.result.reply_markup).toEqual(app(url));
  }
});

it("refuses web_app buttons Telegram refuses, with Telegram's errors", async () => {
  const f = await fake();
  await userStartsChat(f);
  const send = async (markup: object, chatId: number = USER.id) =>
    (await call(f, 'sendMessage', { chat_id: chatId, text: 'x', reply_markup: markup })).body.description;
  expect(await send(app('http://app.example/miniapp'))).toBe(
    "Bad Request: inline keyboard button Web App URL 'http://app.example/miniapp' is invalid: Only HTTPS links are allowed",
  );
  expect(await send(app(''))).toBe("Bad Request: inline keyboard button Web App URL '' is invalid: URL host is empty");
  expect(await send({ inline_keyboard: [[{ text: 'x', web_app: 'https://app.example' }]] })).toBe(
    'Bad Request: can\'t parse inline keyboard button: Field "url" must be of type String',
  );
  // Only private chats show Mini App buttons; a group's send and edit fail.
  const group = { id: -2002, type: 'group', title: 'Team' } as const;
  await f.deliver(userMessage('hi all', { chat: group }));
  expect(await send(app('https://app.example/'), group.id)).toBe('Bad Request: BUTTON_TYPE_INVALID');
  const plain = await call(f, 'sendMessage', { chat_id: group.id, text: 'x' });
  const id = plain.body.result.message_id;
  const edit = async (method: string, extra: object = {}) =>
    (await call(f, method, { chat_id: group.id, message_id: id, reply_markup: app('https://app.example/'), ...extra }))
      .body.description;
  expect(await edit('editMessageReplyMarkup')).toBe('Bad Request: BUTTON_TYPE_INVALID');
  expect(await edit('editMessageText', { text: 'y' })).toBe('Bad Request: BUTTON_TYPE_INVALID');
});

it("sets a chat's menu button or everyone's, refuses bad ones, and the chat page shows it", async () => {
  const f = await fake();
  await f.deliver(userMessage('/start', { from: { ...ADA, is_bot: false }, chat: { ...ADA, type: 'private' } }));
  const feed = await events(f, ADA.id);
  expect((await feed.next()).data.menuButton).toEqual({ type: 'default' });
  const everyone = { type: 'web_app', text: 'Apps', web_app: { url: 'https://app.example/' } };
  expect((await call(f, 'setChatMenuButton', { menu_button: everyone })).body.result).toBe(true);
  expect((await feed.next()).data.menuButton).toEqual(everyone);
  const terminal = { type: 'web_app', text: 'Terminal', web_app: { url: 'http://127.0.0.1:8787/miniapp' } };
  expect((await call(f, 'setChatMenuButton', { chat_id: String(ADA.id), menu_button: terminal })).body.result).toBe(
    true,
  );
  expect((await feed.next()).data.menuButton).toEqual(terminal);
  expect((await call(f, 'getChatMenuButton', { chat_id: ADA.id })).body.result).toEqual(terminal);
  expect((await call(f, 'getChatMenuButton', {})).body.result).toEqual(everyone);
  await call(f, 'setChatMenuButton', { chat_id: ADA.id, menu_button: { type: 'default' } });
  expect((await feed.next()).data.menuButton).toEqual({ type: 'default' });

  const set = async (menu_button: object) =>
    (await call(f, 'setChatMenuButton', { chat_id: ADA.id, menu_button })).body.description;
  expect(await set({ type: 'web_app', text: 'T', web_app: { url: 'http://app.example/' } })).toBe(
    "Bad Request: menu button Web App URL 'http://app.example/' is invalid: Only HTTPS links are allowed",
  );
  expect(await set({ type: 'web_app', text: ' ', web_app: { url: 'https://app.example/' } })).toBe(
    'Bad Request: menu button text must be non-empty',
  );
  expect(await set({ type: 'web_app', text: 'T' })).toBe("Bad Request: can't parse menu button JSON object");
  expect(await set({ type: 'other' })).toBe("Bad Request: can't parse menu button JSON object");
  expect((await call(f, 'getChatMenuButton', { chat_id: ADA.id })).body.result).toEqual({ type: 'default' });
});

/** initData as the chat page gets it for a button press. */
async function opened(f: Awaited<ReturnType<typeof fake>>, body: object) {
  return post(f, '/_fake/chat/webapp', { user: ADA, ...body });
}

it('signs initData for a Mini App button the chat shows, as Telegram would for that user and launch', async () => {
  const f = await fake();
  await f.deliver(userMessage('/start', { from: { ...ADA, is_bot: false }, chat: { ...ADA, type: 'private' } }));
  const url = 'http://127.0.0.1:8787/miniapp?session=s1';
  const sent = await call(f, 'sendMessage', { chat_id: ADA.id, text: 'screen', reply_markup: app(url) });
  const before = Math.floor(Date.now() / 1000);
  const res = await opened(f, { url, message_id: sent.body.result.message_id });
  expect(res.status).toBe(200);
  const params = new URLSearchParams(res.body.init_data);
  expect([...params.keys()]).toEqual(['user', 'chat_instance', 'chat_type', 'auth_date', 'signature', 'hash']);
  expect(JSON.parse(params.get('user') ?? '')).toEqual({
    id: ADA.id,
    first_name: 'Ada',
    username: 'ada_local',
    language_code: 'en',
    allows_write_to_pm: true,
  });
  expect(params.get('chat_instance')).toBe(`123456${ADA.id}`);
  expect(Number(params.get('auth_date'))).toBeGreaterThanOrEqual(before);
  const lines = (without: string[]) =>
    [...params.entries()]
      .filter(([k]) => !without.includes(k))
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(TOKEN).digest();
  expect(params.get('hash')).toBe(
    createHmac('sha256', secret)
      .update(lines(['hash']))
      .digest('hex'),
  );
  const publicKey = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(f.webAppPublicKey, 'hex')]),
    format: 'der',
    type: 'spki',
  });
  const signed = Buffer.from(`123456:WebAppData\n${lines(['hash', 'signature'])}`);
  expect(verify(null, signed, publicKey, Buffer.from(params.get('signature') ?? '', 'base64url'))).toBe(true);

  // The menu button's launch carries a query_id instead of the chat.
  const menu = { type: 'web_app', text: 'Terminal', web_app: { url: 'http://127.0.0.1:8787/miniapp' } };
  await call(f, 'setChatMenuButton', { chat_id: ADA.id, menu_button: menu });
  const fromMenu = await opened(f, { url: menu.web_app.url });
  expect([...new URLSearchParams(fromMenu.body.init_data).keys()]).toEqual([
    'query_id',
    'user',
    'auth_date',
    'signature',
    'hash',
  ]);
});

it('signs nothing for a button the chat does not show, or from another site', async () => {
  const f = await fake();
  await f.deliver(userMessage('/start', { from: { ...ADA, is_bot: false }, chat: { ...ADA, type: 'private' } }));
  const url = 'https://app.example/miniapp';
  const sent = await call(f, 'sendMessage', { chat_id: ADA.id, text: 'screen', reply_markup: app(url) });
  const id = sent.body.result.message_id;
  const refused = async (body: object, message: string) => {
    expect(await opened(f, body)).toEqual({ status: 400, body: { error: { code: 'fake.bad_request', message } } });
  };
  await refused(
    { url: 'https://app.example/other', message_id: id },
    'that message has no Mini App button with this URL',
  );
  await refused({ url, message_id: 999 }, 'message not found');
  await refused({ url, message_id: String(id) }, 'message not found');
  await refused({ url: '' }, 'url must be the Mini App URL the button opens');
  await refused({ url }, "this chat's menu button does not open that Mini App");
  await refused({ url, user: { id: 0, first_name: 'x' } }, 'user.id must be an integer from 1 to 4503599627370496');
  expect(await post(f, '/_fake/chat/webapp', '[]')).toEqual({
    status: 400,
    body: { error: { code: 'fake.bad_request', message: 'a Mini App launch must be a JSON object' } },
  });
  expect(await post(f, '/_fake/chat/webapp', '{')).toEqual({
    status: 400,
    body: { error: { code: 'fake.bad_request', message: 'the body must be JSON' } },
  });
  const foreign = await post(f, '/_fake/chat/webapp', { user: ADA, url, message_id: id }, 'https://evil.example');
  expect(foreign.status).toBe(403);
});
