/**
 * initData as Telegram signs it for a Mini App (core.telegram.org/bots/webapps, "Validating data received via the Mini
 * App"): a query string of the launch's fields plus `signature` and `hash`.
 * - `signature`: Ed25519 over `<bot id>:WebAppData\n<data-check-string of every field but hash and signature>`,
 *   base64url without padding ("Validating data for third-party use"). Telegram signs with its own private key; the
 *   stand-in signs with a key of its own, so this field has Telegram's shape but verifies only against the stand-in's
 *   public key.
 * - `hash`: hex HMAC-SHA256 over the data-check-string of every field but `hash` (so `signature` included), keyed
 *   with HMAC-SHA256(key "WebAppData", message bot token) — exactly what a bot's backend checks.
 * Values are percent-encoded as Telegram encodes them (`%7B%22id%22…`), and the user JSON escapes `/` as `\/`, as
 * Telegram's own JSON does.
 */
import { createHmac, type KeyObject, randomBytes, sign } from 'node:crypto';
import type { User } from 'grammy/types';

/** Where the Mini App was opened from: an inline button in the bot's private chat, or the chat's menu button. */
export type Launch = { from: 'inline_button'; chatInstance: string } | { from: 'menu_button' };

export interface SignInput {
  token: string;
  botId: number;
  /** The stand-in's Ed25519 private key. */
  key: KeyObject;
  user: User;
  launch: Launch;
  /** Unix seconds. */
  authDate: number;
}

/** The data-check-string: `key=value` lines, sorted by key. */
export function dataCheckString(fields: readonly (readonly [string, string])[]): string {
  return [...fields]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

/** The user as the Mini App sees it (WebAppUser): no `is_bot` for a person, and whether the bot may write to them. */
function webAppUser(user: User): string {
  const shown = {
    id: user.id,
    first_name: user.first_name,
    ...(user.last_name ? { last_name: user.last_name } : {}),
    ...(user.username ? { username: user.username } : {}),
    language_code: user.language_code ?? 'en',
    allows_write_to_pm: true,
  };
  return JSON.stringify(shown).replace(/\//g, '\\/');
}

/** Telegram's query ids are opaque base64url strings. */
const newQueryId = () => randomBytes(16).toString('base64url');

/** The signed initData string, fields in the order Telegram sends them. */
export function signInitData(input: SignInput): string {
  const fields: [string, string][] =
    input.launch.from === 'menu_button'
      ? [
          ['query_id', newQueryId()],
          ['user', webAppUser(input.user)],
        ]
      : [
          ['user', webAppUser(input.user)],
          ['chat_instance', input.launch.chatInstance],
          // A private chat with the bot is "sender" from the opening user's side.
          ['chat_type', 'sender'],
        ];
  fields.push(['auth_date', String(input.authDate)]);
  const thirdParty = `${input.botId}:WebAppData\n${dataCheckString(fields)}`;
  fields.push(['signature', sign(null, Buffer.from(thirdParty), input.key).toString('base64url')]);
  const secret = createHmac('sha256', 'WebAppData').update(input.token).digest();
  fields.push(['hash', createHmac('sha256', secret).update(dataCheckString(fields)).digest('hex')]);
  return fields.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}
