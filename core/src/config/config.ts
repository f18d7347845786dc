/**
 * The Worker's configuration, read from its env once and validated as a whole: every problem is reported by
 * name (never by value), and a Worker with any problem refuses every request (see `require-config.ts`).
 */
import { base64ToBytes } from '@vibecode/schemas/encoding';
import { PROVISIONING_TIMEOUT_MS } from '../hub/provisioning-alarm.ts';
import { POWER_CHECK_INTERVAL_MS } from '../vps/power-sync.ts';

export const appEnvs = ['local', 'staging', 'production'] as const;
export type AppEnvName = (typeof appEnvs)[number];

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

/** DigitalOcean OAuth + API and what a new droplet is given (`DO_*`, `GATEWAY_*`, `PUBLIC_URL`). */
export type CloudConfig = {
  apiBaseUrl: string;
  oauthBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** URL of the signed gateway release tarball cloud-init installs (`GATEWAY_ARTIFACT_URL`; https outside local). */
  gatewayArtifactUrl: string;
  /**
   * URL of the current release's `manifest.json` (`GATEWAY_RELEASE_MANIFEST_URL`, default `manifest.json` beside the
   * artifact; https outside local).
   */
  gatewayReleaseManifestUrl: string;
  /** PEM public key that release is signed with. */
  gatewaySigningPublicKey: string;
  /** `Config.publicUrl`, repeated here for the cloud routes: null only in local mode (the request's origin). */
  publicUrl: string | null;
  /** True only in local mode: the droplet may fetch its release and reach the control plane over plain http. */
  allowHttp: boolean;
  /** How long a new droplet's gateway has to say hello before `provisioning_timeout` (`PROVISIONING_TIMEOUT_SECONDS`). */
  provisioningTimeoutMs: number;
  /** At most one read of a droplet's power per VPS per this long (`POWER_CHECK_INTERVAL_SECONDS`). */
  powerCheckIntervalMs: number;
};

export type CloudSettings = { ok: true; value: CloudConfig } | { ok: false; problems: string[] };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Secrets and vars as the runtime hands them over; any of them may be missing. */
export type RawConfig = Partial<Record<string, unknown>>;

/** A setting's trimmed text; undefined when missing, empty or not text. */
export const text = (raw: RawConfig, name: string): string | undefined => {
  const value = raw[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

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
  const value = text(raw, 'SESSION_QUIET_SECONDS');
  if (value === undefined) return SESSION_QUIET_DEFAULT_MS;
  const { min, max } = SESSION_QUIET_SECONDS_RANGE;
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (seconds >= min && seconds <= max) return seconds * 1000;
  problems.push(`SESSION_QUIET_SECONDS must be a whole number of seconds from ${min} to ${max}`);
  return SESSION_QUIET_DEFAULT_MS;
}

/** Bounds on ATTENTION_EMAIL_AFTER_MINUTES: a minute at the least, a day at the most (issue 17's default is 30). */
export const ATTENTION_EMAIL_AFTER_MINUTES_RANGE = { min: 1, max: 1440 } as const;
const ATTENTION_EMAIL_AFTER_DEFAULT_MS = 30 * 60_000;

/** ATTENTION_EMAIL_AFTER_MINUTES in ms (default 30 min); an invalid value pushes a problem. */
export function parseAttentionEmailAfter(raw: RawConfig, problems: string[] = []): number {
  const value = text(raw, 'ATTENTION_EMAIL_AFTER_MINUTES');
  if (value === undefined) return ATTENTION_EMAIL_AFTER_DEFAULT_MS;
  const { min, max } = ATTENTION_EMAIL_AFTER_MINUTES_RANGE;
  const minutes = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (minutes >= min && minutes <= max) return minutes * 60_000;
  problems.push(`ATTENTION_EMAIL_AFTER_MINUTES must be a whole number of minutes from ${min} to ${max}`);
  return ATTENTION_EMAIL_AFTER_DEFAULT_MS;
}

/** Outside local mode every URL the Worker hands out or sends secrets to must be https; locally http is fine. */
const requiresHttps = (appEnv: AppEnvName | undefined): boolean => appEnv !== 'local';

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

/** The URL without trailing slashes, or `undefined` with a problem naming the setting (never its value). */
function checkUrl(name: string, value: string, httpsOnly: boolean, problems: string[]): string | undefined {
  if (!isHttpUrl(value) || (httpsOnly && new URL(value).protocol !== 'https:')) {
    problems.push(`${name} must be an ${httpsOnly ? 'https' : 'http(s)'} URL`);
    return undefined;
  }
  return value.replace(/\/+$/, '');
}

const DO_API_DEFAULT = 'https://api.digitalocean.com';
/**
 * Bounds on PROVISIONING_TIMEOUT_SECONDS: below a few seconds no real gateway could make it (tests set it short so
 * the timeout is seen in a browser without waiting ten minutes); past an hour the bootstrap token (1 h) has expired.
 */
export const PROVISIONING_TIMEOUT_SECONDS_RANGE = { min: 5, max: 3600 } as const;
/**
 * Bounds on POWER_CHECK_INTERVAL_SECONDS: a few seconds still keeps a page that asks every 10 s to one read (tests
 * set it short so a power change made at the cloud shows without waiting); past 10 minutes a change outside
 * VibeCode would outlive the person's attention.
 */
export const POWER_CHECK_INTERVAL_SECONDS_RANGE = { min: 5, max: 600 } as const;
const DO_OAUTH_DEFAULT = 'https://cloud.digitalocean.com';
const PEM_PUBLIC_KEY = /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----$/;

/**
 * Cloud settings are checked with the rest but refuse only the cloud routes (503 `cloud.not_configured`, problems
 * logged by name): sign-in and the terminal keep working on a Worker that has no DigitalOcean app yet. `publicUrl` is
 * the already validated `Config.publicUrl`.
 */
export function parseCloudConfig(raw: RawConfig, appEnv: AppEnvName, publicUrl: string | null): CloudSettings {
  const problems: string[] = [];
  const secure = requiresHttps(appEnv);
  const url = (name: string, fallback?: string): string | undefined => {
    const value = text(raw, name) ?? fallback;
    if (value !== undefined) return checkUrl(name, value, secure, problems);
    problems.push(`${name} is missing`);
    return undefined;
  };
  const required = (name: string): string | undefined => {
    const value = text(raw, name);
    if (value === undefined) problems.push(`${name} is missing`);
    return value;
  };
  const apiBaseUrl = url('DO_API_BASE_URL', DO_API_DEFAULT);
  const oauthBaseUrl = url('DO_OAUTH_BASE_URL', DO_OAUTH_DEFAULT);
  const clientId = required('DO_CLIENT_ID');
  const clientSecret = required('DO_CLIENT_SECRET');
  const gatewayArtifactUrl = url('GATEWAY_ARTIFACT_URL');
  // The release tooling publishes manifest.json next to the tarball; another place can be named explicitly.
  const gatewayReleaseManifestUrl =
    gatewayArtifactUrl === undefined
      ? undefined
      : url('GATEWAY_RELEASE_MANIFEST_URL', new URL('manifest.json', gatewayArtifactUrl).href);
  // One-line env values carry the PEM's newlines as `\n`.
  const keyText = text(raw, 'GATEWAY_SIGNING_PUBLIC_KEY')?.replaceAll('\\n', '\n').replace(/\r\n/g, '\n');
  if (keyText === undefined) problems.push('GATEWAY_SIGNING_PUBLIC_KEY is missing');
  else if (!PEM_PUBLIC_KEY.test(keyText)) problems.push('GATEWAY_SIGNING_PUBLIC_KEY must be a PEM "PUBLIC KEY"');
  const provisioningTimeoutMs = wholeSeconds(
    raw,
    'PROVISIONING_TIMEOUT_SECONDS',
    PROVISIONING_TIMEOUT_SECONDS_RANGE,
    PROVISIONING_TIMEOUT_MS,
    problems,
  );
  const powerCheckIntervalMs = wholeSeconds(
    raw,
    'POWER_CHECK_INTERVAL_SECONDS',
    POWER_CHECK_INTERVAL_SECONDS_RANGE,
    POWER_CHECK_INTERVAL_MS,
    problems,
  );
  if (
    problems.length > 0 ||
    !apiBaseUrl ||
    !oauthBaseUrl ||
    !clientId ||
    !clientSecret ||
    !gatewayArtifactUrl ||
    !gatewayReleaseManifestUrl ||
    !keyText ||
    provisioningTimeoutMs === undefined ||
    powerCheckIntervalMs === undefined
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    value: {
      apiBaseUrl,
      oauthBaseUrl,
      clientId,
      clientSecret,
      gatewayArtifactUrl,
      gatewayReleaseManifestUrl,
      gatewaySigningPublicKey: keyText,
      publicUrl,
      allowHttp: !secure,
      provisioningTimeoutMs,
      powerCheckIntervalMs,
    },
  };
}

/** Setting `name`, a duration in whole seconds within `range`, as milliseconds; `fallbackMs` when it is not set. */
function wholeSeconds(
  raw: RawConfig,
  name: string,
  range: { min: number; max: number },
  fallbackMs: number,
  problems: string[],
): number | undefined {
  const value = text(raw, name);
  if (value === undefined) return fallbackMs;
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= range.min && seconds <= range.max)) {
    problems.push(`${name} must be a whole number of seconds from ${range.min} to ${range.max}`);
    return undefined;
  }
  return seconds * 1000;
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
