/**
 * The Worker's configuration, read from its env once and validated as a whole: every problem is reported by
 * name (never by value), and a Worker with any problem refuses every request (see `http/config.ts`).
 */
import { fromBase64 } from './crypto/encoding.ts';

export const appEnvs = ['local', 'staging', 'production'] as const;
export type AppEnvName = (typeof appEnvs)[number];

/** `outbox` keeps mail in KV for the dev outbox page (local only); `http` speaks Resend's `POST /emails`. */
export type EmailConfig = { mode: 'outbox' } | { mode: 'http'; apiUrl: string; apiKey: string; from: string };

export type Config = {
  appEnv: AppEnvName;
  /** 32 raw bytes for AES-256-GCM (`TOKEN_ENCRYPTION_KEY`, base64). */
  tokenEncryptionKey: Uint8Array;
  email: EmailConfig;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Secrets and vars as the runtime hands them over; any of them may be missing. */
export type RawConfig = Partial<Record<string, unknown>>;

const text = (raw: RawConfig, name: string): string | undefined => {
  const value = raw[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

export function parseConfig(raw: RawConfig): Config {
  const problems: string[] = [];

  const appEnvText = text(raw, 'APP_ENV');
  const appEnv = appEnvs.find((name) => name === appEnvText);
  if (!appEnv) problems.push(`APP_ENV must be one of ${appEnvs.join(', ')}`);

  const keyText = text(raw, 'TOKEN_ENCRYPTION_KEY');
  const tokenEncryptionKey = keyText === undefined ? null : fromBase64(keyText);
  if (keyText === undefined) problems.push('TOKEN_ENCRYPTION_KEY is missing');
  else if (tokenEncryptionKey?.length !== 32) problems.push('TOKEN_ENCRYPTION_KEY must be 32 bytes, base64');

  const email = parseEmail(raw, appEnv, problems);

  if (problems.length > 0 || !appEnv || !tokenEncryptionKey || !email) throw new ConfigError(problems);
  return { appEnv, tokenEncryptionKey, email };
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function parseEmail(raw: RawConfig, appEnv: AppEnvName | undefined, problems: string[]): EmailConfig | null {
  const mode = text(raw, 'EMAIL_MODE');
  if (mode === 'outbox') {
    // The outbox shows sign-in links to anyone who can reach it: never outside local mode.
    if (appEnv !== 'local') problems.push('EMAIL_MODE=outbox is only allowed with APP_ENV=local');
    return { mode };
  }
  if (mode === 'http') {
    const apiUrl = text(raw, 'EMAIL_API_URL');
    const apiKey = text(raw, 'EMAIL_API_KEY');
    const from = text(raw, 'EMAIL_FROM');
    if (!apiUrl || !isHttpUrl(apiUrl)) problems.push('EMAIL_API_URL must be a URL');
    if (!apiKey) problems.push('EMAIL_API_KEY is missing');
    if (!from) problems.push('EMAIL_FROM is missing');
    return apiUrl && apiKey && from ? { mode, apiUrl, apiKey, from } : null;
  }
  problems.push('EMAIL_MODE must be outbox or http');
  return null;
}
