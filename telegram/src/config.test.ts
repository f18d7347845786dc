import { describe, expect, it } from 'vitest';
import { DEFAULT_API_ROOT, parseTelegramConfig, telegramSettings } from './config.ts';

const ready = { TELEGRAM_BOT_TOKEN: '123456:ABC-def_ghi', TELEGRAM_WEBHOOK_SECRET: 's3cret_-X' };

describe('parseTelegramConfig', () => {
  it('is not configured without the token or the secret, whatever else is set', () => {
    expect(parseTelegramConfig({})).toEqual({ status: 'not_configured' });
    expect(parseTelegramConfig({ ...ready, TELEGRAM_BOT_TOKEN: '' })).toEqual({ status: 'not_configured' });
    expect(parseTelegramConfig({ ...ready, TELEGRAM_WEBHOOK_SECRET: '  ' })).toEqual({ status: 'not_configured' });
    expect(parseTelegramConfig({ TELEGRAM_BOT_TOKEN: ready.TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT: 'x' })).toEqual({
      status: 'not_configured',
    });
  });

  it('defaults to the real Bot API and asks getMe for the username', () => {
    expect(parseTelegramConfig(ready)).toEqual({
      status: 'ready',
      config: {
        token: ready.TELEGRAM_BOT_TOKEN,
        webhookSecret: 's3cret_-X',
        botUsername: null,
        apiRoot: DEFAULT_API_ROOT,
        miniAppAuthMaxAgeSeconds: 3600,
      },
    });
  });

  it('takes the username without its @ and the API root without a trailing slash', () => {
    const settings = parseTelegramConfig({
      ...ready,
      TELEGRAM_BOT_USERNAME: '@vibecode_bot',
      TELEGRAM_API_ROOT: 'https://tg.example.com/root/',
    });
    expect(settings).toMatchObject({
      status: 'ready',
      config: { botUsername: 'vibecode_bot', apiRoot: 'https://tg.example.com/root' },
    });
  });

  it('allows a plain-http API root only in local mode (the stand-in)', () => {
    const local = { ...ready, APP_ENV: 'local', TELEGRAM_API_ROOT: 'http://127.0.0.1:8791' };
    expect(parseTelegramConfig(local)).toMatchObject({ status: 'ready', config: { apiRoot: 'http://127.0.0.1:8791' } });
    expect(parseTelegramConfig({ ...local, APP_ENV: 'production' })).toEqual({
      status: 'invalid',
      problems: ['TELEGRAM_API_ROOT must be https'],
    });
  });

  it('takes MINIAPP_AUTH_MAX_AGE_S in whole seconds from a minute to a day, and refuses anything else by name', () => {
    expect(parseTelegramConfig({ ...ready, MINIAPP_AUTH_MAX_AGE_S: '60' })).toMatchObject({
      config: { miniAppAuthMaxAgeSeconds: 60 },
    });
    expect(parseTelegramConfig({ ...ready, MINIAPP_AUTH_MAX_AGE_S: ' 86400 ' })).toMatchObject({
      config: { miniAppAuthMaxAgeSeconds: 86_400 },
    });
    for (const value of ['59', '86401', '-1', '1.5', '1e3', 'hour', '0x100']) {
      expect(parseTelegramConfig({ ...ready, MINIAPP_AUTH_MAX_AGE_S: value }), value).toEqual({
        status: 'invalid',
        problems: ['MINIAPP_AUTH_MAX_AGE_S must be a whole number of seconds from 60 to 86400'],
      });
    }
  });

  it('names every malformed setting, never its value', () => {
    const settings = parseTelegramConfig({
      TELEGRAM_BOT_TOKEN: '123/../getMe?x',
      TELEGRAM_WEBHOOK_SECRET: 'has spaces',
      TELEGRAM_BOT_USERNAME: 'x!',
      TELEGRAM_API_ROOT: 'not a url',
    });
    expect(settings).toEqual({
      status: 'invalid',
      problems: [
        'TELEGRAM_BOT_TOKEN is malformed',
        'TELEGRAM_WEBHOOK_SECRET must be 1-256 of A-Z a-z 0-9 _ -',
        'TELEGRAM_BOT_USERNAME must be 5-32 of A-Z a-z 0-9 _',
        'TELEGRAM_API_ROOT must be a URL',
      ],
    });
    expect(JSON.stringify(settings)).not.toContain('has spaces');
    expect(parseTelegramConfig({ ...ready, TELEGRAM_WEBHOOK_SECRET: 'x'.repeat(257) })).toMatchObject({
      status: 'invalid',
    });
    expect(parseTelegramConfig({ ...ready, TELEGRAM_API_ROOT: 'ftp://tg.example.com' })).toMatchObject({
      status: 'invalid',
    });
    expect(parseTelegramConfig({ ...ready, TELEGRAM_API_ROOT: 'https://tg.example.com/?a=1' })).toEqual({
      status: 'invalid',
      problems: ['TELEGRAM_API_ROOT must have no query or fragment'],
    });
  });

  it('reads an env object once', () => {
    const env = { ...ready };
    const first = telegramSettings(env);
    env.TELEGRAM_BOT_TOKEN = '';
    expect(telegramSettings(env)).toBe(first);
    expect(telegramSettings({})).toEqual({ status: 'not_configured' });
  });
});
