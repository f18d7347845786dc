import { describe, expect, it } from 'vitest';
import { parseCloudConfig } from './config.ts';

const pem = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----';
const full = {
  DO_API_BASE_URL: 'http://127.0.0.1:8790/',
  DO_OAUTH_BASE_URL: 'http://127.0.0.1:8790',
  DO_CLIENT_ID: 'client',
  DO_CLIENT_SECRET: 'secret-value',
  GATEWAY_ARTIFACT_URL: 'https://releases.example.com/vibe-gateway.tar.gz',
  GATEWAY_SIGNING_PUBLIC_KEY: pem.replaceAll('\n', '\\n'),
};

describe('parseCloudConfig', () => {
  it('accepts a complete local config; PEM newlines may come escaped; PUBLIC_URL defaults to the request', () => {
    expect(parseCloudConfig(full, 'local')).toEqual({
      ok: true,
      value: {
        apiBaseUrl: 'http://127.0.0.1:8790',
        oauthBaseUrl: 'http://127.0.0.1:8790',
        clientId: 'client',
        clientSecret: 'secret-value',
        gatewayArtifactUrl: 'https://releases.example.com/vibe-gateway.tar.gz',
        gatewaySigningPublicKey: pem,
        publicUrl: null,
        provisioningTimeoutMs: 600_000,
      },
    });
  });

  it('takes PROVISIONING_TIMEOUT_SECONDS for the hello deadline, in whole seconds within its range', () => {
    for (const [seconds, ms] of [
      ['5', 5_000],
      ['20', 20_000],
      ['3600', 3_600_000],
    ] as const) {
      const settings = parseCloudConfig({ ...full, PROVISIONING_TIMEOUT_SECONDS: seconds }, 'local');
      expect(settings.ok && settings.value.provisioningTimeoutMs).toBe(ms);
    }
    for (const bad of ['4', '3601', '0', '-10', '1.5', '10s', 'ten', '1e3']) {
      expect(parseCloudConfig({ ...full, PROVISIONING_TIMEOUT_SECONDS: bad }, 'local')).toEqual({
        ok: false,
        problems: ['PROVISIONING_TIMEOUT_SECONDS must be a whole number of seconds from 5 to 3600'],
      });
    }
  });

  it("defaults the API and OAuth origins to DigitalOcean's", () => {
    const { DO_API_BASE_URL: _a, DO_OAUTH_BASE_URL: _o, ...rest } = full;
    const settings = parseCloudConfig(rest, 'production');
    expect(settings).toEqual({ ok: false, problems: ['PUBLIC_URL is missing'] });
    const ok = parseCloudConfig({ ...rest, PUBLIC_URL: 'https://vibecode.example' }, 'production');
    expect(ok.ok && ok.value).toMatchObject({
      apiBaseUrl: 'https://api.digitalocean.com',
      oauthBaseUrl: 'https://cloud.digitalocean.com',
      publicUrl: 'https://vibecode.example',
    });
  });

  it('refuses clearly, naming each missing or malformed setting and never echoing a value', () => {
    const settings = parseCloudConfig(
      {
        DO_CLIENT_SECRET: 'secret-value',
        GATEWAY_ARTIFACT_URL: 'http://plain.example/x.tgz',
        GATEWAY_SIGNING_PUBLIC_KEY: 'nope',
      },
      'local',
    );
    expect(settings).toEqual({
      ok: false,
      problems: [
        'DO_CLIENT_ID is missing',
        'GATEWAY_ARTIFACT_URL must be an https URL',
        'GATEWAY_SIGNING_PUBLIC_KEY must be a PEM "PUBLIC KEY"',
      ],
    });
    expect(JSON.stringify(settings)).not.toContain('secret-value');
    expect(parseCloudConfig({}, 'local')).toEqual({
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
