/**
 * Fault: a support key's expiry meets a gateway that was down when it expired, and a wall clock that jumps. The
 * gateway runs on its own wall clock (`wall-clock.ts`), so "two hours later" takes no waiting and the host's clock
 * is never touched.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHub } from './hub.ts';
import { rigEnv } from './rig.ts';
import { createSandbox, type GatewayProcess, type Sandbox, startGateway } from './sandbox.ts';
import { type WallClock, wallClock } from './wall-clock.ts';

const HOUR_MS = 60 * 60 * 1000;
/** The service reads the wall clock at least this often (`WALL_CLOCK_CHECK_MS`), plus room for a loaded machine. */
const JUMP_NOTICED_MS = 5_000 + 5_000;

describe('fault: support-key expiry across a gateway restart and a clock jump', () => {
  let hub: TestHub;
  let sandbox: Sandbox;
  let gw: GatewayProcess;
  let clock: WallClock;
  const handWritten = '# added by hand\nssh-ed25519 AAAAhandwritten laptop\n';

  const keygen = (name: string) => {
    const file = join(sandbox.dir, name);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file]);
    return readFileSync(`${file}.pub`, 'utf8');
  };
  /** The key's base64 blob: what identifies it in authorized_keys. */
  const blob = (key: string) => key.split(' ')[1] as string;
  const authorizedKeys = () => readFileSync(sandbox.authorizedKeys, 'utf8');
  const start = async () => {
    const connections = hub.connections;
    gw = startGateway(sandbox, hub.url, { ...rigEnv('gw_expiry'), ...clock.env });
    await hub.waitForConnection(connections + 1);
  };
  const authorize = async (key: string, label: string, expiresAt?: string) => {
    const since = hub.mark();
    hub.send('ssh.authorize', {
      public_key: key,
      label,
      key_type: expiresAt ? 'support' : 'user',
      ...(expiresAt ? { expires_at: expiresAt } : {}),
      ref: label,
    });
    return hub.event('ssh.keys', { since, match: (m) => m.ref === label });
  };
  const listedLabels = async () => {
    const since = hub.mark();
    hub.send('ssh.list', { ref: 'list' });
    return (await hub.event('ssh.keys', { since, match: (m) => m.ref === 'list' })).keys.map((k) => k.label);
  };

  beforeAll(async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
    clock = wallClock(sandbox.dir);
    mkdirSync(dirname(sandbox.authorizedKeys), { recursive: true });
    writeFileSync(sandbox.authorizedKeys, handWritten);
    await start();
    await authorize(keygen('user'), 'user');
  });

  afterAll(async () => {
    await gw?.stop('SIGKILL');
    await hub?.stop();
    await sandbox?.cleanup();
  });

  it('drops a key that expired while the gateway was down, before it says hello', async () => {
    const support = keygen('support-1');
    const keys = await authorize(support, 'support-1', new Date(Date.now() + HOUR_MS).toISOString());
    expect(keys.keys.map((k) => k.label)).toEqual(['user', 'support-1']);
    expect(await gw.stop('SIGTERM')).toBe(0);
    // The machine's clock passes the expiry while no gateway runs; OpenSSH's expiry-time covers that stretch.
    clock.set('+2h');
    await start();
    expect(authorizedKeys()).not.toContain(blob(support));
    expect(authorizedKeys().startsWith(handWritten)).toBe(true);
    expect(await listedLabels()).toEqual(['user']);
  });

  it('drops a key within seconds when the wall clock jumps past its expiry while the gateway runs', async () => {
    clock.set('+0');
    const support = keygen('support-2');
    await authorize(support, 'support-2', new Date(Date.now() + HOUR_MS).toISOString());
    expect(authorizedKeys()).toContain(blob(support));
    // Its timer was armed for an hour of monotonic time, which a wall-clock step does not shorten.
    clock.set('+2h');
    const deadline = Date.now() + JUMP_NOTICED_MS;
    while (authorizedKeys().includes(blob(support))) {
      if (Date.now() > deadline)
        throw new Error(`the expired key was still there ${JUMP_NOTICED_MS} ms after the jump`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(authorizedKeys().startsWith(handWritten)).toBe(true);
    expect(await listedLabels()).toEqual(['user']);
  });
});
