/**
 * A Mini App's launch data (`Telegram.WebApp.initData`), checked exactly as Telegram documents it
 * (core.telegram.org/bots/webapps, "Validating data received via the Mini App"):
 *   secret_key = HMAC-SHA256(key "WebAppData", message <bot token>)
 *   hash       = hex(HMAC-SHA256(key secret_key, message data-check-string))
 * where the data-check-string is every received field but `hash`, sorted by key, as `key=<value>` joined by `\n`
 * (`signature`, which Telegram adds for third parties, is a received field like any other). The given hash is checked
 * with Web Crypto's HMAC `verify`, which compares in constant time. Then `auth_date` must lie within the window, and
 * `user` must be the JSON object Telegram sends with an integer `id`.
 *
 * Stricter than the documentation on purpose: a key given twice is refused (which of the two was signed is
 * ambiguous, and a query-string parser would silently pick one), and so is initData without `user` (a session needs
 * whose it is).
 */

export type InitDataUser = { id: number; username?: string };

export type CheckedInitData = {
  user: InitDataUser;
  /** Unix seconds, as Telegram gives it. */
  authDate: number;
};

/** Why initData was refused: for the log only; the caller answers every one the same way. */
export type InitDataProblem =
  | 'malformed'
  | 'missing_hash'
  | 'missing_auth_date'
  | 'missing_user'
  | 'duplicate_field'
  | 'bad_hash'
  | 'stale'
  | 'from_the_future'
  | 'bad_user';

export type InitDataResult = { ok: true; value: CheckedInitData } | { ok: false; problem: InitDataProblem };

export type InitDataCheck = {
  botToken: string;
  /** How old `auth_date` may be (`MINIAPP_AUTH_MAX_AGE_S`). */
  maxAgeSeconds: number;
  /** Unix ms. */
  now: number;
};

/** initData is a few hundred bytes; past this it is not Telegram's. */
export const MAX_INIT_DATA_LENGTH = 8192;
/** Clocks disagree a little: an `auth_date` this far ahead of ours is still taken. */
const FUTURE_SKEW_SECONDS = 60;
const HEX_HASH = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^[1-9][0-9]{0,11}$/;

const encoder = new TextEncoder();

const hmacKey = (raw: Uint8Array, usage: 'sign' | 'verify') =>
  crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** The fields in the order sent, or why the string is not a query string of distinct, named fields. */
function fieldsOf(initData: string): Map<string, string> | 'malformed' | 'duplicate_field' {
  if (initData === '' || initData.length > MAX_INIT_DATA_LENGTH) return 'malformed';
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(initData)) {
    if (key === '') return 'malformed';
    if (fields.has(key)) return 'duplicate_field';
    fields.set(key, value);
  }
  return fields;
}

function dataCheckString(fields: Map<string, string>): string {
  return [...fields]
    .filter(([key]) => key !== 'hash')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

function userOf(json: string): InitDataUser | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { id, username } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return null;
  return typeof username === 'string' ? { id, username } : { id };
}

export async function checkInitData(initData: string, check: InitDataCheck): Promise<InitDataResult> {
  const fields = fieldsOf(initData);
  if (typeof fields === 'string') return { ok: false, problem: fields };
  const hash = fields.get('hash');
  if (hash === undefined) return { ok: false, problem: 'missing_hash' };
  const authDateText = fields.get('auth_date');
  if (authDateText === undefined) return { ok: false, problem: 'missing_auth_date' };
  const userText = fields.get('user');
  if (userText === undefined) return { ok: false, problem: 'missing_user' };
  if (!HEX_HASH.test(hash)) return { ok: false, problem: 'bad_hash' };

  const secret = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(encoder.encode('WebAppData'), 'sign'),
    encoder.encode(check.botToken),
  );
  const signed = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(new Uint8Array(secret), 'verify'),
    hexBytes(hash),
    encoder.encode(dataCheckString(fields)),
  );
  if (!signed) return { ok: false, problem: 'bad_hash' };

  // Checked after the hash: what is signed is Telegram's, so a malformed value here is a bug there, not an attack.
  if (!UNIX_SECONDS.test(authDateText)) return { ok: false, problem: 'malformed' };
  const authDate = Number(authDateText);
  const nowSeconds = Math.floor(check.now / 1000);
  if (nowSeconds - authDate > check.maxAgeSeconds) return { ok: false, problem: 'stale' };
  if (authDate - nowSeconds > FUTURE_SKEW_SECONDS) return { ok: false, problem: 'from_the_future' };
  const user = userOf(userText);
  if (user === null) return { ok: false, problem: 'bad_user' };
  return { ok: true, value: { user, authDate } };
}
