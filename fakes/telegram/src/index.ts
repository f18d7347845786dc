/** What other packages may use from the Telegram Bot API stand-in. */
export type { RecordedCall } from './call-log.ts';
export { type FakeTelegram, type FakeTelegramOptions, startFakeTelegram } from './server.ts';
export type { SwitchValues } from './switches.ts';
export type { Delivery } from './webhook.ts';
