/**
 * A gateway that starts next to a tmux server an older gateway left running (an upgrade, a crash) brings that
 * server up to its own settings, which tmux reads only when a server starts, and leaves the sessions running.
 * Real tmux and the real bin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHub } from './hub.ts';
import { rigEnv } from './rig.ts';
import { createSandbox, type GatewayProcess, type Sandbox, startGateway } from './sandbox.ts';

let hub: TestHub;
let sandbox: Sandbox;
let gw: GatewayProcess | undefined;

beforeAll(async () => {
  hub = await TestHub.start();
  sandbox = createSandbox();
  // An "older gateway's" server: no VibeCode settings at all, and a session of the user's that must survive.
  sandbox.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'users-own', '-x', '80', '-y', '24');
});

afterAll(async () => {
  await gw?.stop('SIGKILL');
  await hub?.stop();
  await sandbox?.cleanup();
});

const option = (name: string) => sandbox.tmux('show-options', '-gqv', name).trim();

async function startAndWaitForHello(): Promise<GatewayProcess> {
  const since = hub.mark();
  const started = startGateway(sandbox, hub.url, rigEnv('gw_conf'));
  await hub.event('gateway.hello', { since });
  return started;
}

describe("the tmux server's settings", () => {
  it('are re-read from the gateway config when the running server has older ones', async () => {
    expect(option('@vibe_config')).toBe('');
    expect(option('terminal-overrides')).not.toContain('smcup@');
    gw = await startAndWaitForHello();
    expect(option('@vibe_config')).toMatch(/^[0-9a-f]{16}$/);
    expect(option('terminal-overrides')).toContain('smcup@:rmcup@:indn@');
    expect(option('status')).toBe('off');
    expect(sandbox.tmux('list-sessions', '-F', '#{session_name}')).toContain('users-own');
    expect(gw.logs.some((l) => l.msg === 'tmux server re-read the gateway config')).toBe(true);
  });

  it('are left alone by a gateway whose settings the server already has, so nothing is appended twice', async () => {
    const overrides = option('terminal-overrides');
    await gw?.stop('SIGTERM');
    gw = await startAndWaitForHello();
    expect(option('terminal-overrides')).toBe(overrides);
    expect(gw.logs.some((l) => l.msg === 'tmux server re-read the gateway config')).toBe(false);
  });
});
