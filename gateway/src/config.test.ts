import { describe, expect, it } from 'vitest';
import { gatewaySocketUrl, loadConfig, loadUpdateSettings } from './config.ts';

const AGENTS = '/opt/agents';

describe('loadConfig', () => {
  it('uses the droplet defaults and derives the URLs', () => {
    const c = loadConfig([], { VIBE_CP_URL: 'https://cp.example/', VIBE_BOOTSTRAP_TOKEN: 'tok' }, AGENTS);
    expect(c).toMatchObject({
      cpUrl: 'https://cp.example',
      wsUrl: 'wss://cp.example/ws/gateway',
      registerUrl: 'https://cp.example/api/gateways/register',
      bootstrapToken: 'tok',
      stateDir: '/home/vibe/.vibe-gateway',
      workspaceRoot: '/home/vibe/workspace',
      tmuxSocket: 'vibe',
      authorizedKeys: '/home/vibe/.ssh/authorized_keys',
      healthIntervalMs: 30_000,
      agentsDir: AGENTS,
    });
  });

  it('lets a flag win over the environment', () => {
    const c = loadConfig(
      ['--tmux-socket', 'flagged', '--health-interval-s=5'],
      {
        VIBE_CP_URL: 'http://127.0.0.1:8787',
        VIBE_TMUX_SOCKET: 'from-env',
        VIBE_HEALTH_INTERVAL_S: '60',
      },
      AGENTS,
    );
    expect(c.tmuxSocket).toBe('flagged');
    expect(c.healthIntervalMs).toBe(5000);
    expect(c.wsUrl).toBe('ws://127.0.0.1:8787/ws/gateway');
  });

  it.each([
    [[], {}, /VIBE_CP_URL is required/],
    [[], { VIBE_CP_URL: 'ftp://x' }, /must be http/],
    [[], { VIBE_CP_URL: 'http://x', VIBE_GATEWAY_CREDENTIAL: 'c' }, /needs --gateway-id/],
    [[], { VIBE_CP_URL: 'http://x', VIBE_STATE_DIR: 'relative' }, /absolute/],
    [[], { VIBE_CP_URL: 'http://x', VIBE_HEALTH_INTERVAL_S: '0' }, /between 1/],
    [[], { VIBE_CP_URL: 'http://x', VIBE_HEALTH_INTERVAL_S: 'ten' }, /whole number/],
    [[], { VIBE_CP_URL: 'http://x', VIBE_TMUX_SOCKET: '../x' }, /plain name/],
    [['--nope'], { VIBE_CP_URL: 'http://x' }, /nope/],
  ] as const)('refuses bad settings %#', (argv, env, message) => {
    expect(() => loadConfig([...argv], env, AGENTS)).toThrow(message);
  });
});

describe('gatewaySocketUrl', () => {
  it('keeps a base path', () => {
    expect(gatewaySocketUrl(new URL('https://x.dev/cp/'))).toBe('wss://x.dev/cp/ws/gateway');
  });
});

describe('update settings', () => {
  it('refuse updates by default (no release root or key) and give a new release 60 s', () => {
    const c = loadConfig([], { VIBE_CP_URL: 'http://x' }, AGENTS);
    expect(c.update).toEqual({
      releaseRoot: undefined,
      publicKeyPath: undefined,
      confirmMs: 60_000,
      stateDir: '/home/vibe/.vibe-gateway',
    });
  });

  it('read the droplet layout and bound the confirmation window', () => {
    const env = {
      VIBE_CP_URL: 'http://x',
      VIBE_RELEASE_ROOT: '/opt/vibe-gateway',
      VIBE_RELEASE_PUBLIC_KEY: '/etc/vibe/gateway-release.pub',
      VIBE_UPDATE_CONFIRM_S: '90',
    };
    expect(loadConfig([], env, AGENTS).update).toMatchObject({
      releaseRoot: '/opt/vibe-gateway',
      publicKeyPath: '/etc/vibe/gateway-release.pub',
      confirmMs: 90_000,
    });
    expect(() => loadConfig([], { ...env, VIBE_UPDATE_CONFIRM_S: '2' }, AGENTS)).toThrow(/between 5 and 3600/);
    expect(() => loadConfig([], { ...env, VIBE_RELEASE_ROOT: 'opt' }, AGENTS)).toThrow(/absolute/);
  });

  it('are all the update command needs, with its own flags beside them', () => {
    const { settings, flags } = loadUpdateSettings(
      ['--url', 'https://r.example/x.tar.gz', '--state-dir', '/s'],
      { VIBE_RELEASE_ROOT: '/opt/vibe-gateway', VIBE_RELEASE_PUBLIC_KEY: '/k.pub' },
      ['url', 'sha256'],
    );
    expect(settings).toEqual({
      releaseRoot: '/opt/vibe-gateway',
      publicKeyPath: '/k.pub',
      confirmMs: 60_000,
      stateDir: '/s',
    });
    expect(flags).toEqual({ url: 'https://r.example/x.tar.gz', sha256: undefined });
    expect(() => loadUpdateSettings(['--cp-url', 'http://x'], {}, ['url'])).toThrow(/cp-url/);
  });
});
