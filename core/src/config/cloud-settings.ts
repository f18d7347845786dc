/**
 * The cloud routes' settings: DigitalOcean's OAuth app and API, the gateway release a new droplet installs, and the
 * provisioning and power-read timings. Checked with the rest of the Worker's configuration, but a problem here refuses
 * only the cloud routes.
 */
import { PROVISIONING_TIMEOUT_MS } from '../hub/provisioning-alarm.ts';
import { POWER_CHECK_INTERVAL_MS } from '../vps/power-sync.ts';
import { type AppEnvName, checkUrl, duration, type RawConfig, requiresHttps, text } from './setting-values.ts';

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
  const seconds = (name: string, range: { min: number; max: number }, fallbackMs: number) =>
    duration(raw, name, 'seconds', range, fallbackMs, problems);
  const provisioningTimeoutMs = seconds(
    'PROVISIONING_TIMEOUT_SECONDS',
    PROVISIONING_TIMEOUT_SECONDS_RANGE,
    PROVISIONING_TIMEOUT_MS,
  );
  const powerCheckIntervalMs = seconds(
    'POWER_CHECK_INTERVAL_SECONDS',
    POWER_CHECK_INTERVAL_SECONDS_RANGE,
    POWER_CHECK_INTERVAL_MS,
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
