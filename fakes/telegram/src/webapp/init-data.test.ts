/**
 * The signer against an independent check written from Telegram's documentation with node:crypto: the hash over every
 * field but `hash` (so `signature` included), the Ed25519 signature over `<bot id>:WebAppData\n` + every field but
 * `hash` and `signature`, the fields Telegram sends for each kind of launch, and its encoding.
 */
import { createHmac, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { expect, it } from 'vitest';
import { dataCheckString, signInitData } from './init-data.ts';

const TOKEN = '123456:test-token_ABC';
const key = generateKeyPairSync('ed25519');
const USER = { id: 4242, is_bot: false, first_name: 'Ada / Lovelace', username: 'ada' } as const;

function checkString(params: URLSearchParams, without: string[]): string {
  return [...params.entries()]
    .filter(([k]) => !without.includes(k))
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('\n');
}

function telegramHash(params: URLSearchParams, token = TOKEN): string {
  const secret = createHmac('sha256', 'WebAppData').update(token).digest();
  return createHmac('sha256', secret)
    .update(checkString(params, ['hash']))
    .digest('hex');
}

it('signs an inline-button launch as Telegram does: user, chat_instance, chat_type, auth_date, signature, hash', () => {
  const data = signInitData({
    token: TOKEN,
    botId: 123456,
    key: key.privateKey,
    user: USER,
    launch: { from: 'inline_button', chatInstance: '1234564242' },
    authDate: 1_700_000_000,
  });
  const params = new URLSearchParams(data);
  expect([...params.keys()]).toEqual(['user', 'chat_instance', 'chat_type', 'auth_date', 'signature', 'hash']);
  expect(params.get('chat_type')).toBe('sender');
  expect(params.get('auth_date')).toBe('1700000000');
  expect(params.get('user')).toBe(
    '{"id":4242,"first_name":"Ada \\/ Lovelace","username":"ada","language_code":"en","allows_write_to_pm":true}',
  );
  expect(JSON.parse(params.get('user') ?? '')).toMatchObject({ id: 4242, first_name: 'Ada / Lovelace' });
  // Percent-encoded as Telegram encodes it: JSON punctuation escaped, no '+' for spaces.
  expect(data).toContain('user=%7B%22id%22%3A4242%2C%22first_name%22%3A%22Ada%20%5C%2F%20Lovelace%22');
  expect(params.get('hash')).toBe(telegramHash(params));
  expect(params.get('hash')).not.toBe(telegramHash(params, '123456:another-token'));
  const signed = Buffer.from(`123456:WebAppData\n${checkString(params, ['hash', 'signature'])}`);
  const signature = Buffer.from(params.get('signature') ?? '', 'base64url');
  expect(signature).toHaveLength(64);
  expect(verify(null, signed, key.publicKey, signature)).toBe(true);
});

it('signs a menu-button launch with a query_id instead of the chat, fresh each time', () => {
  const sign = () =>
    new URLSearchParams(
      signInitData({
        token: TOKEN,
        botId: 123456,
        key: key.privateKey,
        user: USER,
        launch: { from: 'menu_button' },
        authDate: 1_700_000_000,
      }),
    );
  const [first, second] = [sign(), sign()];
  expect([...first.keys()]).toEqual(['query_id', 'user', 'auth_date', 'signature', 'hash']);
  expect(first.get('query_id')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(first.get('query_id')).not.toBe(second.get('query_id'));
  expect(first.get('hash')).toBe(telegramHash(first));
  const publicKey = createPublicKey(key.privateKey);
  const signed = Buffer.from(`123456:WebAppData\n${checkString(first, ['hash', 'signature'])}`);
  expect(verify(null, signed, publicKey, Buffer.from(first.get('signature') ?? '', 'base64url'))).toBe(true);
});

it('builds the data-check-string from fields sorted by key, one key=value a line', () => {
  expect(
    dataCheckString([
      ['user', '{"id":1}'],
      ['auth_date', '1'],
      ['query_id', 'q'],
    ]),
  ).toBe('auth_date=1\nquery_id=q\nuser={"id":1}');
});
