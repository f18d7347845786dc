import { describe, expect, it } from 'vitest';
import { parseCloudConfig } from './cloud-settings.ts';

const pem = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----';
const full = {
  DO_API_BASE_URL: 'http://127.0.0.1:8790/',
  DO_OAUTH_BASE_URL: 'http://127.0.0.1:8790',
  DO_CLIENT_ID: 'client',
  DO_CLIENT_SECRET: 'secret-value',
  GATEWAY_ARTIFACT_URL: 'https://releases.example.com/v1/vibe-gateway.tar.gz',
  GATEWAY_SIGNING_PUBLIC_KEY: pem.replaceAll('\n', '\\n'),
};
/** What a deployed Worker is given: DigitalOcean's own origins (the defaults) and https everywhere. */
const { DO_API_BASE_URL: _a, DO_OAUTH_BASE_URL: _o, ...deployed } = full;
const PUBLIC = 'https://vibecode.example';

describe('parseCloudConfig', () => {
  it('accepts a complete local config; PEM newlines may come escaped; PUBLIC_URL defaults to the request', () => {
    expect(parseCloudConfig(full, 'local', null)).toEqual({
      ok: true,
      value: {
        apiBaseUrl: 'http://127.0.0.1:8790',
        oauthBaseUrl: 'http://127.0.0.1:8790',
        clientId: 'client',
        clientSecret: 'secret-value',
        gatewayArtifactUrl: 'https://releases.example.com/v1/vibe-gateway.tar.gz',
        gatewayReleaseManifestUrl: 'https://releases.example.com/v1/manifest.json',
        gatewaySigningPublicKey: pem,
        publicUrl: null,
        allowHttp: true,
        provisioningTimeoutMs: 600_000,
        powerCheckIntervalMs: 30_000,
      },
    });
  });

  it('takes PROVISIONING_TIMEOUT_SECONDS for the hello deadline, in whole seconds within its range', () => {
    for (const [seconds, ms] of [
      ['5', 5_000],
      ['20', 20_000],
      ['3600', 3_600_000],
    ] as const) {
      const settings = parseCloudConfig({ ...full, PROVISIONING_TIMEOUT_SECONDS: seconds }, 'local', null);
      expect(settings.ok && settings.value.provisioningTimeoutMs).toBe(ms);
    }
    for (const bad of ['4', '3601', '0', '-10', '1.5', '10s', 'ten', '1e3']) {
      expect(parseCloudConfig({ ...full, PROVISIONING_TIMEOUT_SECONDS: bad }, 'local', null)).toEqual({
        ok: false,
        problems: ['PROVISIONING_TIMEOUT_SECONDS must be a whole number of seconds from 5 to 3600'],
      });
    }
  });

  it('takes POWER_CHECK_INTERVAL_SECONDS for how often a droplet’s power is read, in whole seconds within its range', () => {
    for (const [seconds, ms] of [
      ['5', 5_000],
      ['600', 600_000],
    ] as const) {
      const settings = parseCloudConfig({ ...full, POWER_CHECK_INTERVAL_SECONDS: seconds }, 'local', null);
      expect(settings.ok && settings.value.powerCheckIntervalMs).toBe(ms);
    }
    // An empty var is an unset one: the default stands.
    const unset = parseCloudConfig({ ...full, POWER_CHECK_INTERVAL_SECONDS: '' }, 'local', null);
    expect(unset.ok && unset.value.powerCheckIntervalMs).toBe(30_000);
    for (const bad of ['4', '601', '0', '-10', '2.5', '30s']) {
      expect(parseCloudConfig({ ...full, POWER_CHECK_INTERVAL_SECONDS: bad }, 'local', null)).toEqual({
        ok: false,
        problems: ['POWER_CHECK_INTERVAL_SECONDS must be a whole number of seconds from 5 to 600'],
      });
    }
  });

  it("defaults the API and OAuth origins to DigitalOcean's and carries PUBLIC_URL through", () => {
    const settings = parseCloudConfig(deployed, 'production', PUBLIC);
    expect(settings.ok && settings.value).toMatchObject({
      apiBaseUrl: 'https://api.digitalocean.com',
      oauthBaseUrl: 'https://cloud.digitalocean.com',
      publicUrl: PUBLIC,
      allowHttp: false,
    });
  });

  it('takes GATEWAY_RELEASE_MANIFEST_URL when set, else manifest.json beside the artifact', () => {
    const named = parseCloudConfig(
      { ...deployed, GATEWAY_RELEASE_MANIFEST_URL: 'https://cdn.example/current.json' },
      'staging',
      PUBLIC,
    );
    expect(named.ok && named.value.gatewayReleaseManifestUrl).toBe('https://cdn.example/current.json');
    const beside = parseCloudConfig(
      {
        ...deployed,
        GATEWAY_ARTIFACT_URL: 'https://github.com/o/r/releases/download/v0.2.0/vibe-gateway-0.2.0.tar.gz',
      },
      'staging',
      PUBLIC,
    );
    expect(beside.ok && beside.value.gatewayReleaseManifestUrl).toBe(
      'https://github.com/o/r/releases/download/v0.2.0/manifest.json',
    );
  });

  it('requires https for every URL outside local mode and allows http locally', () => {
    const http = {
      DO_API_BASE_URL: 'http://api.example',
      DO_OAUTH_BASE_URL: 'http://oauth.example',
      GATEWAY_ARTIFACT_URL: 'http://127.0.0.1:8792/vibe-gateway.tar.gz',
      GATEWAY_RELEASE_MANIFEST_URL: 'http://127.0.0.1:8792/manifest.json',
    };
    for (const appEnv of ['staging', 'production'] as const) {
      expect(parseCloudConfig({ ...full, ...http }, appEnv, PUBLIC)).toEqual({
        ok: false,
        problems: [
          'DO_API_BASE_URL must be an https URL',
          'DO_OAUTH_BASE_URL must be an https URL',
          'GATEWAY_ARTIFACT_URL must be an https URL',
        ],
      });
      const httpManifest = { ...deployed, GATEWAY_RELEASE_MANIFEST_URL: http.GATEWAY_RELEASE_MANIFEST_URL };
      expect(parseCloudConfig(httpManifest, appEnv, PUBLIC)).toEqual({
        ok: false,
        problems: ['GATEWAY_RELEASE_MANIFEST_URL must be an https URL'],
      });
    }
    const local = parseCloudConfig({ ...full, ...http }, 'local', null);
    expect(local.ok && local.value).toMatchObject({
      gatewayArtifactUrl: 'http://127.0.0.1:8792/vibe-gateway.tar.gz',
      gatewayReleaseManifestUrl: 'http://127.0.0.1:8792/manifest.json',
      allowHttp: true,
    });
  });

  it('refuses clearly, naming each missing or malformed setting and never echoing a value', () => {
    const settings = parseCloudConfig(
      {
        DO_CLIENT_SECRET: 'secret-value',
        GATEWAY_ARTIFACT_URL: 'ftp://plain.example/x.tgz',
        GATEWAY_SIGNING_PUBLIC_KEY: 'nope',
      },
      'local',
      null,
    );
    expect(settings).toEqual({
      ok: false,
      problems: [
        'DO_CLIENT_ID is missing',
        'GATEWAY_ARTIFACT_URL must be an http(s) URL',
        'GATEWAY_SIGNING_PUBLIC_KEY must be a PEM "PUBLIC KEY"',
      ],
    });
    expect(JSON.stringify(settings)).not.toContain('secret-value');
    expect(parseCloudConfig({}, 'local', null)).toEqual({
      ok: false,
      problems: [
        'DO_CLIENT_ID is missing',
        'DO_CLIENT_SECRET is missing',
        'GATEWAY_ARTIFACT_URL is missing',
        'GATEWAY_SIGNING_PUBLIC_KEY is missing',
      ],
    });
  });
});
