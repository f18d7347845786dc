/**
 * The Worker's configuration, read from its env once and validated as a whole: every problem is reported by
 * name (never by value), and a Worker with any problem refuses every request (see `require-config.ts`).
 */
import { base64ToBytes } from '@vibecode/schemas/encoding';
import { type CloudSettings, parseCloudConfig } from './cloud-settings.ts';
import {
  type AppEnvName,
  appEnvs,
  checkUrl,
  duration,
  isHttpUrl,
  type RawConfig,
  requiresHttps,
  text,
} from './setting-values.ts';

/** `outbox` keeps mail in KV for the dev outbox page (local only); `http` speaks Resend's `POST /emails`. */
export type EmailConfig = { mode: 'outbox' } | { mode: 'http'; apiUrl: string; apiKey: string; from: string };

export type Config = {
  appEnv: AppEnvName;
  /** 32 raw bytes for AES-256-GCM (`TOKEN_ENCRYPTION_KEY`, base64). */
  tokenEncryptionKey: Uint8Array;
  email: EmailConfig;
  /** Where session workdirs are created on the VPS (`VPS_WORKSPACE_ROOT`): absolute, without `..`. */
  vpsWorkspaceRoot: string;
  /**
   * The Worker's public origin (`PUBLIC_URL`): sign-in links, the OAuth callback and the gateways' `VIBE_CP_URL` are
   * built from it, never from the request's Host. Required (https) outside local mode; null only in local mode without
   * it, where the request's own origin is used.
   */
  publicUrl: string | null;
  /** The cloud routes' settings, or why they refuse (see `parseCloudConfig`); the rest of the Worker runs either way. */
  cloud: CloudSettings;
  /** How long output must stop after activity before a chat hears the session may be waiting (`SESSION_QUIET_SECONDS`). */
  sessionQuietMs: number;
  /** How long a question waits, unanswered and unseen, before its person gets an email (ATTENTION_EMAIL_AFTER_MINUTES). */
  attentionEmailAfterMs: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(raw: RawConfig): Config {
  const problems: string[] = [];

  const appEnvText = text(raw, 'APP_ENV');
  const appEnv = appEnvs.find((name) => name === appEnvText);
  if (!appEnv) problems.push(`APP_ENV must be one of ${appEnvs.join(', ')}`);

  const keyText = text(raw, 'TOKEN_ENCRYPTION_KEY');
  const tokenEncryptionKey = keyText === undefined ? null : base64ToBytes(keyText);
  if (keyText === undefined) problems.push('TOKEN_ENCRYPTION_KEY is missing');
  else if (tokenEncryptionKey?.length !== 32) problems.push('TOKEN_ENCRYPTION_KEY must be 32 bytes, base64');

  const email = parseEmail(raw, appEnv, problems);
  const publicUrl = parsePublicUrl(raw, appEnv, problems);

  // The seed's droplet layout; the gateway refuses workdirs outside its own VIBE_WORKSPACE_ROOT.
  const vpsWorkspaceRoot = text(raw, 'VPS_WORKSPACE_ROOT') ?? '/home/vibe/workspace';
  if (!vpsWorkspaceRoot.startsWith('/') || vpsWorkspaceRoot.split('/').includes('..')) {
    problems.push('VPS_WORKSPACE_ROOT must be an absolute path without ..');
  }

  const sessionQuietMs = parseSessionQuiet(raw, problems);
  const attentionEmailAfterMs = parseAttentionEmailAfter(raw, problems);

  if (problems.length > 0 || !appEnv || !tokenEncryptionKey || !email || publicUrl === undefined) {
    throw new ConfigError(problems);
  }
  const cloud = parseCloudConfig(raw, appEnv, publicUrl);
  return {
    appEnv,
    tokenEncryptionKey,
    email,
    vpsWorkspaceRoot,
    publicUrl,
    cloud,
    sessionQuietMs,
    attentionEmailAfterMs,
  };
}

/** Bounds on SESSION_QUIET_SECONDS: a shell prompt waits seconds; tests set it short to see the notice soon. */
export const SESSION_QUIET_SECONDS_RANGE = { min: 2, max: 3600 } as const;
const SESSION_QUIET_DEFAULT_MS = 20_000;

/**
 * SESSION_QUIET_SECONDS in ms (default 20 s); an invalid value pushes a problem and reads as the default, so the
 * hub, which runs without the Worker's config check, still behaves.
 */
export function parseSessionQuiet(raw: RawConfig, problems: string[] = []): number {
  return (
    duration(
      raw,
      'SESSION_QUIET_SECONDS',
      'seconds',
      SESSION_QUIET_SECONDS_RANGE,
      SESSION_QUIET_DEFAULT_MS,
      problems,
    ) ?? SESSION_QUIET_DEFAULT_MS
  );
}

/** Bounds on ATTENTION_EMAIL_AFTER_MINUTES: a minute at the least, a day at the most (issue 17's default is 30). */
export const ATTENTION_EMAIL_AFTER_MINUTES_RANGE = { min: 1, max: 1440 } as const;
const ATTENTION_EMAIL_AFTER_DEFAULT_MS = 30 * 60_000;

/** ATTENTION_EMAIL_AFTER_MINUTES in ms (default 30 min); an invalid value pushes a problem. */
export function parseAttentionEmailAfter(raw: RawConfig, problems: string[] = []): number {
  const name = 'ATTENTION_EMAIL_AFTER_MINUTES';
  const fallbackMs = ATTENTION_EMAIL_AFTER_DEFAULT_MS;
  return duration(raw, name, 'minutes', ATTENTION_EMAIL_AFTER_MINUTES_RANGE, fallbackMs, problems) ?? fallbackMs;
}

/**
 * `undefined` when it is refused (a problem is pushed), `null` in local mode without one. An origin only: links are
 * built by appending absolute paths to it.
 */
function parsePublicUrl(raw: RawConfig, appEnv: AppEnvName | undefined, problems: string[]): string | null | undefined {
  const value = text(raw, 'PUBLIC_URL');
  if (value === undefined) {
    if (appEnv === 'local') return null;
    problems.push('PUBLIC_URL is missing (required outside local mode)');
    return undefined;
  }
  if (checkUrl('PUBLIC_URL', value, requiresHttps(appEnv), problems) === undefined) return undefined;
  const url = new URL(value);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    problems.push('PUBLIC_URL must be an origin, without a path, query or fragment');
    return undefined;
  }
  return url.origin;
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
    // The API key travels with every request: https outside local mode.
    if (!apiUrl || !isHttpUrl(apiUrl)) problems.push('EMAIL_API_URL must be a URL');
    else if (requiresHttps(appEnv) && new URL(apiUrl).protocol !== 'https:') {
      problems.push('EMAIL_API_URL must be an https URL');
    }
    if (!apiKey) problems.push('EMAIL_API_KEY is missing');
    if (!from) problems.push('EMAIL_FROM is missing');
    return apiUrl && apiKey && from ? { mode, apiUrl, apiKey, from } : null;
  }
  problems.push('EMAIL_MODE must be outbox or http');
  return null;
}
