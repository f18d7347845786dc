import { afterEach, describe, expect, it, vi } from 'vitest';
import { TestHub } from './hub.ts';
import { createSandbox, type GatewayProcess, type Sandbox, startGateway } from './sandbox.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the link to the hub', () => {
  let hub: TestHub | undefined;
  let sandbox: Sandbox | undefined;
  let gw: GatewayProcess | undefined;

  afterEach(async () => {
    await gw?.stop('SIGKILL');
    await hub?.stop();
    await sandbox?.cleanup();
    gw = undefined;
    hub = undefined;
    sandbox = undefined;
  });

  it('skips registration when a credential and id are configured', async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
    gw = startGateway(sandbox, hub.url, { VIBE_GATEWAY_CREDENTIAL: 'cred-secret', VIBE_GATEWAY_ID: 'gw_preset' });
    const hello = await hub.event('gateway.hello');
    expect(hello.gateway_id).toBe('gw_preset');
    expect(hub.registrations).toEqual([]);
  });

  it('logs a refused bootstrap token and retries slowly, never connecting', async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
    gw = startGateway(sandbox, hub.url, { VIBE_BOOTSTRAP_TOKEN: 'wrong-token' });
    await sleep(3000);
    expect(hub.registrations.length).toBeGreaterThanOrEqual(1);
    // The second try waits at least 2.5 s (REJECTED_BACKOFF), so a 401 never spins fast.
    expect(hub.registrations.length).toBeLessThanOrEqual(2);
    expect(hub.registrations.every((r) => r.status === 401)).toBe(true);
    expect(hub.connections).toBe(0);
    expect(
      gw.logs.some(
        (l) => l.msg === 'registration failed; retrying' && String(l.error).includes('auth.invalid_bootstrap_token'),
      ),
    ).toBe(true);
    expect(JSON.stringify(gw.logs)).not.toContain('wrong-token');
  });

  it('refuses to start with neither credential nor bootstrap token', async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
    gw = startGateway(sandbox, hub.url);
    expect(await gw.exited).toBe(1);
    expect(gw.logs.some((l) => l.code === 'config.invalid')).toBe(true);
  });

  it('retries with backoff when the hub refuses the credential', async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
    gw = startGateway(sandbox, hub.url, { VIBE_GATEWAY_CREDENTIAL: 'stale', VIBE_GATEWAY_ID: 'gw_x' });
    await sleep(4000);
    expect(hub.rejectedUpgrades.length).toBeGreaterThanOrEqual(2);
    expect(hub.rejectedUpgrades.length).toBeLessThanOrEqual(6);
    expect(hub.connections).toBe(0);
  });

  it('reconnects when heartbeats go unanswered', async () => {
    hub = await TestHub.start({ autoPong: false });
    sandbox = createSandbox();
    gw = startGateway(sandbox, hub.url, {
      VIBE_GATEWAY_CREDENTIAL: 'cred-secret',
      VIBE_GATEWAY_ID: 'gw_hb',
      VIBE_HEARTBEAT_INTERVAL_S: '1',
    });
    await hub.waitForConnection(2, 10_000);
    expect(gw.logs.some((l) => l.msg === 'link heartbeat missed; reconnecting')).toBe(true);
  });

  it('waits minutes, not seconds, before redialling a hub that closed 4010 (schema unsupported)', async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
    gw = startGateway(sandbox, hub.url, { VIBE_GATEWAY_CREDENTIAL: 'cred-secret', VIBE_GATEWAY_ID: 'gw_old' });
    await hub.event('gateway.hello');
    hub.closeLink(4010, 'gateway.schema_unsupported');
    const logs = (gw as GatewayProcess).logs;
    await vi.waitFor(() => expect(logs.some((l) => l.msg === 'link reconnecting')).toBe(true));
    expect(logs.find((l) => l.msg === 'link reconnecting')?.in_ms).toBeGreaterThanOrEqual(300_000);
    expect(logs.some((l) => l.level === 'error' && String(l.msg).includes('schema version'))).toBe(true);
    expect(hub.connections).toBe(1);
  });

  it('closes with 1001 on SIGTERM and exits 0', async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
    gw = startGateway(sandbox, hub.url, { VIBE_GATEWAY_CREDENTIAL: 'cred-secret', VIBE_GATEWAY_ID: 'gw_t' });
    await hub.event('gateway.hello');
    expect(await gw.stop('SIGTERM')).toBe(0);
    expect(gw.logs.some((l) => l.msg === 'gateway stopped')).toBe(true);
  });
});
