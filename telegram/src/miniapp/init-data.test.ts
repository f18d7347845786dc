/**
 * initData vectors: good ones made by an independent signer (node:crypto, as Telegram's documentation writes the
 * check) and one fixed literal computed with `openssl dgst -hmac` outside this code; tampered ones for every way in.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkInitData, MAX_INIT_DATA_LENGTH } from './init-data.ts';

const TOKEN = '7000000001:AAFixedLiteralVectorToken_x-123';
const AUTH_DATE = 1_767_225_600;
const NOW = AUTH_DATE * 1000 + 30_000;
const check = { botToken: TOKEN, maxAgeSeconds: 3600, now: NOW };

const USER_JSON = JSON.stringify({ id: 4242, first_name: 'Ada', username: 'ada', language_code: 'en' });

/**
 * Signs `fields` as Telegram does: every field but `hash`, sorted, `key=value` by `\n`. `checkString` replaces that
 * string, to sign something else than what is sent.
 */
function sign(fields: [string, string][], token = TOKEN, checkString?: string): string {
  const text =
    checkString ??
    fields
      .filter(([key]) => key !== 'hash')
      .map(([key, value]) => `${key}=${value}`)
      .sort()
      .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(token).digest();
  return createHmac('sha256', secret).update(text).digest('hex');
}

const encode = (fields: [string, string][]) => new URLSearchParams(fields).toString();

/** The fields Telegram sends for a launch from a button in a private chat, today with `signature`. */
function launchFields(overrides: Record<string, string> = {}): [string, string][] {
  const base: Record<string, string> = {
    query_id: 'AAHdF6IQAAAAAN0XohDhr8c',
    user: USER_JSON,
    chat_instance: '-4305102717386416789',
    chat_type: 'private',
    auth_date: String(AUTH_DATE),
    signature: 'ZmFrZS1lZDI1NTE5LXNpZ25hdHVyZS1ieS10ZWxlZ3JhbQ',
    ...overrides,
  };
  return Object.entries(base);
}

function signed(fields: [string, string][], token = TOKEN): string {
  return encode([...fields, ['hash', sign(fields, token)]]);
}

const problemOf = async (initData: string, overrides: Partial<typeof check> = {}) => {
  const result = await checkInitData(initData, { ...check, ...overrides });
  return result.ok ? 'ok' : result.problem;
};

describe('checkInitData: good vectors', () => {
  it('takes a fixed literal signed outside this code (openssl), signature and chat fields included', async () => {
    const literal =
      'query_id=AAHdF6IQAAAAAN0XohDhr8c&user=%7B%22id%22%3A4242%2C%22first_name%22%3A%22Ada%22%2C%22username%22%3A%22ada%22%2C%22language_code%22%3A%22en%22%2C%22allows_write_to_pm%22%3Atrue%7D&chat_instance=-4305102717386416789&chat_type=private&auth_date=1767225600&signature=ZmFrZS1lZDI1NTE5LXNpZ25hdHVyZS1ieS10ZWxlZ3JhbQ&hash=5fe767b6b7569c2db000fa8699fad25acc8fb390cf90a24fc101213c8b918112';
    expect(await checkInitData(literal, check)).toEqual({
      ok: true,
      value: { user: { id: 4242, username: 'ada' }, authDate: AUTH_DATE },
    });
  });

  it('takes what the independent signer signs, in any field order, with or without the optional fields', async () => {
    const full = launchFields();
    expect(await problemOf(signed(full))).toBe('ok');
    expect(await problemOf(signed([...full].reverse()))).toBe('ok');
    const minimal = full.filter(([key]) => ['user', 'auth_date'].includes(key));
    expect(await checkInitData(signed(minimal), check)).toEqual({
      ok: true,
      value: { user: { id: 4242, username: 'ada' }, authDate: AUTH_DATE },
    });
  });

  it('takes values that need decoding: spaces, `&`, `=`, `+`, non-ASCII', async () => {
    const user = JSON.stringify({ id: 7, first_name: 'Zoë & Ève = 1+1', last_name: '日本' });
    expect(await checkInitData(signed(launchFields({ user })), check)).toEqual({
      ok: true,
      value: { user: { id: 7 }, authDate: AUTH_DATE },
    });
  });

  it('takes auth_date at the edge of the window and a little ahead of our clock', async () => {
    expect(await problemOf(signed(launchFields()), { now: (AUTH_DATE + 3600) * 1000 })).toBe('ok');
    expect(await problemOf(signed(launchFields()), { now: (AUTH_DATE - 60) * 1000 })).toBe('ok');
  });
});

describe('checkInitData: tampered vectors', () => {
  it('refuses a wrong hash: one character changed, another field changed after signing, upper case', async () => {
    const good = signed(launchFields());
    const hash = new URLSearchParams(good).get('hash') ?? '';
    const flipped = good.replace(hash, `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`);
    expect(await problemOf(flipped)).toBe('bad_hash');
    const otherUser = good.replace('%22id%22%3A4242', '%22id%22%3A4243');
    expect(otherUser).not.toBe(good);
    expect(await problemOf(otherUser)).toBe('bad_hash');
    expect(await problemOf(good.replace(hash, hash.toUpperCase()))).toBe('bad_hash');
    expect(await problemOf(good.replace(hash, hash.slice(0, 63)))).toBe('bad_hash');
  });

  it('refuses initData signed with another bot’s token', async () => {
    expect(await problemOf(signed(launchFields(), '7000000002:AnotherBotsToken'))).toBe('bad_hash');
    expect(await problemOf(signed(launchFields()), { botToken: `${TOKEN}x` })).toBe('bad_hash');
  });

  it('refuses a stale auth_date, and one far ahead of our clock', async () => {
    expect(await problemOf(signed(launchFields()), { now: (AUTH_DATE + 3601) * 1000 })).toBe('stale');
    expect(await problemOf(signed(launchFields()), { maxAgeSeconds: 10 })).toBe('stale');
    expect(await problemOf(signed(launchFields()), { now: (AUTH_DATE - 61) * 1000 })).toBe('from_the_future');
  });

  it('refuses initData without hash, auth_date or user, each signed correctly otherwise', async () => {
    expect(await problemOf(encode(launchFields()))).toBe('missing_hash');
    const without = (name: string) => signed(launchFields().filter(([key]) => key !== name));
    expect(await problemOf(without('auth_date'))).toBe('missing_auth_date');
    expect(await problemOf(without('user'))).toBe('missing_user');
  });

  it('refuses a field given twice, whichever copy was signed', async () => {
    const fields = launchFields();
    const hash = sign(fields);
    const twice = (extra: [string, string]) => encode([...fields, extra, ['hash', hash]]);
    expect(await problemOf(twice(['user', JSON.stringify({ id: 1 })]))).toBe('duplicate_field');
    expect(await problemOf(twice(['auth_date', String(AUTH_DATE + 5)]))).toBe('duplicate_field');
    expect(await problemOf(`${encode([...fields, ['hash', hash]])}&hash=${hash}`)).toBe('duplicate_field');
  });

  it('refuses a hash computed over a data-check-string that includes `hash` itself', async () => {
    const fields = launchFields();
    const withHashLine = [...fields.map(([k, v]) => `${k}=${v}`), `hash=${'0'.repeat(64)}`].sort().join('\n');
    expect(await problemOf(encode([...fields, ['hash', sign(fields, TOKEN, withHashLine)]]))).toBe('bad_hash');
  });

  it('refuses a field smuggled into another’s value: the data-check-string is rebuilt from the parsed fields', async () => {
    // `user` carries "\nauth_date=…": signed as one field it is fine, but it cannot stand in for a real auth_date.
    const smuggled = launchFields({ user: `${USER_JSON}\nauth_date=${AUTH_DATE}` }).filter(([k]) => k !== 'auth_date');
    expect(await problemOf(signed(smuggled))).toBe('missing_auth_date');
  });

  it('refuses a signed user that is not a Telegram user object', async () => {
    for (const user of ['not json', '[]', 'null', '{"id":"4242"}', '{"id":0}', '{"id":1.5}', '{"first_name":"A"}']) {
      expect(await problemOf(signed(launchFields({ user }))), user).toBe('bad_user');
    }
  });

  it('refuses a signed auth_date that is not whole seconds', async () => {
    for (const authDate of ['', '-5', '1e9', '0x10', '017']) {
      expect(await problemOf(signed(launchFields({ auth_date: authDate }))), authDate).toBe('malformed');
    }
  });

  it('refuses what is not a query string of named fields, and anything past the size bound', async () => {
    expect(await problemOf('')).toBe('malformed');
    expect(await problemOf(`=x&${signed(launchFields())}`)).toBe('malformed');
    const padded = signed(launchFields({ start_param: 'x'.repeat(MAX_INIT_DATA_LENGTH) }));
    expect(await problemOf(padded)).toBe('malformed');
  });
});
