import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBAPP_SCRIPT_URL, isLocal, webAppScript } from './script-url.ts';

describe('webAppScript', () => {
  it("is Telegram's own script when unset or empty", () => {
    for (const env of [undefined, {}, { TELEGRAM_WEBAPP_SCRIPT_URL: '' }, { TELEGRAM_WEBAPP_SCRIPT_URL: '  ' }]) {
      expect(webAppScript(env)).toEqual({ ok: true, url: DEFAULT_WEBAPP_SCRIPT_URL, origin: 'https://telegram.org' });
    }
  });

  it('takes another https URL', () => {
    expect(webAppScript({ TELEGRAM_WEBAPP_SCRIPT_URL: 'https://cdn.example.com/tg/web-app.js' })).toEqual({
      ok: true,
      url: 'https://cdn.example.com/tg/web-app.js',
      origin: 'https://cdn.example.com',
    });
  });

  it("takes the local stand-in's http URL in local mode", () => {
    const env = { APP_ENV: 'local', TELEGRAM_WEBAPP_SCRIPT_URL: 'http://127.0.0.1:8790/js/telegram-web-app.js' };
    expect(webAppScript(env)).toEqual({
      ok: true,
      url: 'http://127.0.0.1:8790/js/telegram-web-app.js',
      origin: 'http://127.0.0.1:8790',
    });
    expect(webAppScript({ ...env, TELEGRAM_WEBAPP_SCRIPT_URL: 'http://localhost:1/x.js' }).ok).toBe(true);
  });

  it('refuses http outside local mode', () => {
    const result = webAppScript({ APP_ENV: 'production', TELEGRAM_WEBAPP_SCRIPT_URL: 'http://127.0.0.1:8790/x.js' });
    expect(result).toEqual({ ok: false, problem: 'TELEGRAM_WEBAPP_SCRIPT_URL must be https' });
  });

  it('refuses http to a host that is not loopback, even in local mode', () => {
    const result = webAppScript({ APP_ENV: 'local', TELEGRAM_WEBAPP_SCRIPT_URL: 'http://telegram.org/x.js' });
    expect(result.ok).toBe(false);
  });

  it('refuses what is not a URL, another scheme, credentials, or not a string', () => {
    for (const value of [
      'telegram-web-app.js',
      'javascript:alert(1)',
      'data:text/javascript,1',
      'https://u:p@telegram.org/x.js',
      5,
    ]) {
      expect(webAppScript({ APP_ENV: 'local', TELEGRAM_WEBAPP_SCRIPT_URL: value }).ok).toBe(false);
    }
  });
});

describe('isLocal', () => {
  it('is true only for APP_ENV=local', () => {
    expect(isLocal({ APP_ENV: 'local' })).toBe(true);
    expect(isLocal({ APP_ENV: 'staging' })).toBe(false);
    expect(isLocal({})).toBe(false);
    expect(isLocal(undefined)).toBe(false);
  });
});
