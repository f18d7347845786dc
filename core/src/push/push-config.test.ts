import { createLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import { newVapidPrivateKey, vapidPublicKey } from '../../../scripts/boot/webpush.mjs';
import { allowedEndpoint, DEFAULT_PUSH_SERVICE_ORIGINS, parsePushConfig, pushSettings } from './push-config.ts';

/** A pair as `npm start` makes one (and as `web-push generate-vapid-keys` prints it). */
const privateKey = newVapidPrivateKey();
const publicKey = vapidPublicKey(privateKey);
const base = {
  APP_ENV: 'production',
  VAPID_PUBLIC_KEY: publicKey,
  VAPID_PRIVATE_KEY: privateKey,
  VAPID_SUBJECT: 'mailto:ops@example.com',
};

describe('parsePushConfig', () => {
  it('sends nothing, and says nothing is wrong, without a VAPID key', () => {
    expect(parsePushConfig({ APP_ENV: 'production' })).toEqual({ ok: false, problems: [] });
  });

  it("signs with the pair as Web Crypto imports it, and allows the browsers' push services", async () => {
    const settings = parsePushConfig(base);
    if (!settings.ok) throw new Error(settings.problems.join('; '));
    expect(settings.value.publicKey).toBe(publicKey);
    const imported = await crypto.subtle.importKey(
      'jwk',
      settings.value.privateJwk,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    expect(imported.type).toBe('private');
    expect(settings.value.subject).toBe('mailto:ops@example.com');
    expect(settings.value.serviceOrigins).toEqual([...DEFAULT_PUSH_SERVICE_ORIGINS]);
  });

  it('takes an https PUBLIC_URL as the subject when none is set', () => {
    const settings = parsePushConfig({ ...base, VAPID_SUBJECT: undefined, PUBLIC_URL: 'https://vibe.example.com' });
    expect(settings.ok && settings.value.subject).toBe('https://vibe.example.com');
  });

  it('names each bad setting, never its value', () => {
    const problems = (raw: Record<string, unknown>) => {
      const settings = parsePushConfig({ ...base, ...raw });
      return settings.ok ? [] : settings.problems;
    };
    expect(problems({ VAPID_PRIVATE_KEY: privateKey.slice(2) })).toEqual([
      'VAPID_PRIVATE_KEY must be a P-256 private key: 32 bytes, base64url',
    ]);
    expect(problems({ VAPID_PUBLIC_KEY: undefined })).toEqual([
      'VAPID_PUBLIC_KEY must be a P-256 public key: its 65-byte uncompressed point, base64url',
    ]);
    expect(problems({ VAPID_PUBLIC_KEY: `A${publicKey.slice(1)}` })).toHaveLength(1);
    expect(problems({ VAPID_PRIVATE_KEY: 'not base64!' })).toHaveLength(1);
    expect(problems({ VAPID_SUBJECT: undefined, PUBLIC_URL: 'http://vibe.example.com' })[0]).toMatch(
      /VAPID_SUBJECT is missing/,
    );
    expect(problems({ VAPID_SUBJECT: 'ops@example.com' })).toEqual(['VAPID_SUBJECT must be a mailto: or https: URL']);
    expect(problems({ PUSH_SERVICE_ORIGINS: 'http://127.0.0.1:8793' })[0]).toMatch(/PUSH_SERVICE_ORIGINS/);
    expect(problems({ PUSH_SERVICE_ORIGINS: 'https://push.example.com/path' })[0]).toMatch(/PUSH_SERVICE_ORIGINS/);
    expect(JSON.stringify(problems({ VAPID_PRIVATE_KEY: `${privateKey}AA` }))).not.toContain(privateKey);
  });

  it('lets a local server send to a push service on loopback http, and nowhere else over http', () => {
    const local = { ...base, APP_ENV: 'local' };
    expect(parsePushConfig({ ...local, PUSH_SERVICE_ORIGINS: 'http://127.0.0.1:8793' }).ok).toBe(true);
    expect(parsePushConfig({ ...local, PUSH_SERVICE_ORIGINS: 'http://push.example.com' }).ok).toBe(false);
  });
});

describe('pushSettings', () => {
  const logged = () => {
    const lines: Record<string, unknown>[] = [];
    return { lines, log: createLogger({}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
  };

  it('logs settings that are there but wrong, by name and once per env, and sends nothing', () => {
    const env = { ...base, VAPID_PRIVATE_KEY: 'too-short' };
    const { lines, log } = logged();
    expect(pushSettings(env, log).ok).toBe(false);
    expect(pushSettings(env, log).ok).toBe(false);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'push settings invalid: sending no push',
        problems: ['VAPID_PRIVATE_KEY must be a P-256 private key: 32 bytes, base64url'],
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('too-short');
  });

  it('logs nothing when push is simply not set up, or set up right', () => {
    const { lines, log } = logged();
    expect(pushSettings({ APP_ENV: 'production' }, log).ok).toBe(false);
    expect(pushSettings({ ...base }, log).ok).toBe(true);
    expect(lines).toEqual([]);
  });
});

describe('allowedEndpoint', () => {
  const config = {
    serviceOrigins: ['https://fcm.googleapis.com', 'https://*.notify.windows.com', 'http://127.0.0.1:8793'],
  };

  it('takes endpoints at a listed origin, or under a listed wildcard host', () => {
    expect(allowedEndpoint(config, 'https://fcm.googleapis.com/fcm/send/abc')).toBe(true);
    expect(allowedEndpoint(config, 'https://wns2-par02p.notify.windows.com/w/?token=x')).toBe(true);
    expect(allowedEndpoint(config, 'http://127.0.0.1:8793/push/abc')).toBe(true);
  });

  it('refuses another host, scheme or port, a look-alike suffix and credentials in the URL', () => {
    expect(allowedEndpoint(config, 'https://evil.example/fcm/send/abc')).toBe(false);
    expect(allowedEndpoint(config, 'http://fcm.googleapis.com/fcm/send/abc')).toBe(false);
    expect(allowedEndpoint(config, 'https://fcm.googleapis.com:8443/x')).toBe(false);
    expect(allowedEndpoint(config, 'http://127.0.0.1:8794/push/abc')).toBe(false);
    expect(allowedEndpoint(config, 'https://evilnotify.windows.com/x')).toBe(false);
    expect(allowedEndpoint(config, 'https://fcm.googleapis.com.evil.example/x')).toBe(false);
    expect(allowedEndpoint(config, 'https://user:pw@fcm.googleapis.com/x')).toBe(false);
    expect(allowedEndpoint(config, 'not a url')).toBe(false);
  });
});
