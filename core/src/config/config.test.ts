import { describe, expect, it } from 'vitest';
import { type ConfigError, parseAttentionEmailAfter, parseConfig, parseSessionQuiet } from './config.ts';

const key = Buffer.alloc(32, 7).toString('base64');
const local = { APP_ENV: 'local', TOKEN_ENCRYPTION_KEY: key, EMAIL_MODE: 'outbox' };
const production = {
  APP_ENV: 'production',
  TOKEN_ENCRYPTION_KEY: key,
  EMAIL_MODE: 'http',
  EMAIL_API_URL: 'https://api.resend.com',
  EMAIL_API_KEY: 're_123',
  EMAIL_FROM: 'VibeCode <login@example.com>',
  PUBLIC_URL: 'https://vibecode.example/',
};
const problems = (raw: Record<string, unknown>) => {
  try {
    parseConfig(raw);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('parseConfig', () => {
  it('accepts a local outbox config', () => {
    const config = parseConfig(local);
    expect(config.appEnv).toBe('local');
    expect(config.email).toEqual({ mode: 'outbox' });
    expect(config.tokenEncryptionKey).toEqual(new Uint8Array(32).fill(7));
  });

  it('accepts a production http-email config', () => {
    const config = parseConfig(production);
    expect(config.publicUrl).toBe('https://vibecode.example');
    expect(config.email).toEqual({
      mode: 'http',
      apiUrl: 'https://api.resend.com',
      apiKey: 're_123',
      from: 'VibeCode <login@example.com>',
    });
  });

  it('refuses a missing or malformed encryption key, naming it but never echoing the value', () => {
    expect(problems({ ...local, TOKEN_ENCRYPTION_KEY: undefined })).toEqual(['TOKEN_ENCRYPTION_KEY is missing']);
    expect(problems({ ...local, TOKEN_ENCRYPTION_KEY: '' })).toEqual(['TOKEN_ENCRYPTION_KEY is missing']);
    const short = Buffer.alloc(16).toString('base64');
    expect(problems({ ...local, TOKEN_ENCRYPTION_KEY: short })).toEqual([
      'TOKEN_ENCRYPTION_KEY must be 32 bytes, base64',
    ]);
    expect(problems({ ...local, TOKEN_ENCRYPTION_KEY: 'not base64!' }).join()).not.toContain('not base64!');
  });

  it('defaults the VPS workspace root and refuses a relative or escaping one', () => {
    expect(parseConfig(local).vpsWorkspaceRoot).toBe('/home/vibe/workspace');
    expect(parseConfig({ ...local, VPS_WORKSPACE_ROOT: ' ' }).vpsWorkspaceRoot).toBe('/home/vibe/workspace');
    expect(parseConfig({ ...local, VPS_WORKSPACE_ROOT: '/srv/work' }).vpsWorkspaceRoot).toBe('/srv/work');
    for (const bad of ['work', '/a/../b']) {
      expect(problems({ ...local, VPS_WORKSPACE_ROOT: bad })).toEqual([
        'VPS_WORKSPACE_ROOT must be an absolute path without ..',
      ]);
    }
  });

  it('takes ATTENTION_EMAIL_AFTER_MINUTES in whole minutes within its range, 30 min by default', () => {
    expect(parseConfig(local).attentionEmailAfterMs).toBe(30 * 60_000);
    expect(parseConfig({ ...local, ATTENTION_EMAIL_AFTER_MINUTES: '1' }).attentionEmailAfterMs).toBe(60_000);
    expect(parseConfig({ ...local, ATTENTION_EMAIL_AFTER_MINUTES: '1440' }).attentionEmailAfterMs).toBe(86_400_000);
    for (const bad of ['0', '1441', '1.5', '-5', 'later']) {
      expect(problems({ ...local, ATTENTION_EMAIL_AFTER_MINUTES: bad })).toEqual([
        'ATTENTION_EMAIL_AFTER_MINUTES must be a whole number of minutes from 1 to 1440',
      ]);
      expect(parseAttentionEmailAfter({ ATTENTION_EMAIL_AFTER_MINUTES: bad })).toBe(30 * 60_000);
    }
  });

  it('takes SESSION_QUIET_SECONDS in whole seconds within its range, 20 s by default', () => {
    expect(parseConfig(local).sessionQuietMs).toBe(20_000);
    expect(parseConfig({ ...local, SESSION_QUIET_SECONDS: '2' }).sessionQuietMs).toBe(2_000);
    expect(parseConfig({ ...local, SESSION_QUIET_SECONDS: '3600' }).sessionQuietMs).toBe(3_600_000);
    for (const bad of ['1', '3601', '2.5', '-5', 'soon']) {
      expect(problems({ ...local, SESSION_QUIET_SECONDS: bad })).toEqual([
        'SESSION_QUIET_SECONDS must be a whole number of seconds from 2 to 3600',
      ]);
      // The hub runs without the Worker's check: it reads a bad value as the default.
      expect(parseSessionQuiet({ SESSION_QUIET_SECONDS: bad })).toBe(20_000);
    }
  });

  it('refuses the outbox outside local mode and an incomplete http sender', () => {
    expect(problems({ ...production, EMAIL_MODE: 'outbox' })).toEqual([
      'EMAIL_MODE=outbox is only allowed with APP_ENV=local',
    ]);
    expect(problems({ ...local, EMAIL_MODE: 'http' })).toEqual([
      'EMAIL_API_URL must be a URL',
      'EMAIL_API_KEY is missing',
      'EMAIL_FROM is missing',
    ]);
    expect(problems({ ...local, EMAIL_MODE: undefined })).toEqual(['EMAIL_MODE must be outbox or http']);
    expect(problems({ ...local, APP_ENV: 'dev' })).toEqual([
      'APP_ENV must be one of local, staging, production',
      'EMAIL_MODE=outbox is only allowed with APP_ENV=local',
      'PUBLIC_URL is missing (required outside local mode)',
    ]);
  });

  it('requires an https PUBLIC_URL origin outside local mode; locally it is optional and may be http', () => {
    for (const appEnv of ['staging', 'production']) {
      expect(problems({ ...production, APP_ENV: appEnv, PUBLIC_URL: undefined })).toEqual([
        'PUBLIC_URL is missing (required outside local mode)',
      ]);
      expect(problems({ ...production, APP_ENV: appEnv, PUBLIC_URL: 'http://vibecode.example' })).toEqual([
        'PUBLIC_URL must be an https URL',
      ]);
    }
    expect(problems({ ...production, PUBLIC_URL: 'https://vibecode.example/app' })).toEqual([
      'PUBLIC_URL must be an origin, without a path, query or fragment',
    ]);
    expect(problems({ ...production, PUBLIC_URL: 'vibecode.example' })).toEqual(['PUBLIC_URL must be an https URL']);
    expect(parseConfig(local).publicUrl).toBeNull();
    expect(parseConfig({ ...local, PUBLIC_URL: 'http://127.0.0.1:8787/' }).publicUrl).toBe('http://127.0.0.1:8787');
  });

  it('sends the email API key only over https outside local mode', () => {
    expect(problems({ ...production, EMAIL_API_URL: 'http://api.resend.com' })).toEqual([
      'EMAIL_API_URL must be an https URL',
    ]);
    const localHttp = { ...production, APP_ENV: 'local', EMAIL_API_URL: 'http://127.0.0.1:9' };
    expect(parseConfig(localHttp).email).toMatchObject({ mode: 'http', apiUrl: 'http://127.0.0.1:9' });
  });

  it('keeps sign-in independent of the cloud settings: PUBLIC_URL alone is enough', () => {
    const config = parseConfig(production);
    expect(config.cloud.ok).toBe(false);
    expect(config.publicUrl).toBe('https://vibecode.example');
  });
});
