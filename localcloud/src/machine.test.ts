import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@vibecode/schemas/log';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../test/helpers.ts';
import { type GatewayLaunch, Machine } from './machine.ts';
import type { DropletBoot } from './user-data.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function machine(launch: GatewayLaunch, gatewayEnv?: Record<string, string>): Machine {
  const dataDir = mkdtempSync(join(tmpdir(), 'localcloud-machine-'));
  dirs.push(dataDir);
  return new Machine({ dropletId: 42, dataDir, launch, restartDelayMs: 5, gatewayEnv, log: silentLogger });
}

/** Lines in a file the test's processes append to (0 when it does not exist yet). */
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);

function commandMachine(script: string): { m: Machine; starts: () => number } {
  const m = machine({
    testCommand: [
      process.execPath,
      '-e',
      `require('fs').appendFileSync(process.env.VIBE_STATE_DIR + '/starts', 'start\\n'); ${script}`,
    ],
    boot: { cpUrl: 'http://127.0.0.1:1', bootstrapToken: 'tok' },
  });
  return { m, starts: () => lines(join(m.sandbox, 'state', 'starts')) };
}

/**
 * A droplet whose "install script" lays out a release the way install-gateway.sh does (releases/1, `current`, the
 * unit in etc/systemd/system) with a shell gateway that records its argv, cwd and env, then runs `gatewayTail`.
 */
function installBoot(installTail = '', gatewayTail = 'exec sleep 600'): DropletBoot {
  const installer = `#!/bin/bash
set -eu
echo install >> "$VIBE_ROOT/installs"
base="$VIBE_ROOT/opt/vibe-gateway"
mkdir -p "$base/releases/1/bin" "$VIBE_ROOT/etc/systemd/system"
cat > "$base/releases/1/bin/vibe-gateway" <<'EOF'
#!/bin/sh
env > "$VIBE_STATE_DIR/env"
echo "$0 $* $PWD" >> "$VIBE_STATE_DIR/starts"
${gatewayTail}
EOF
chmod 755 "$base/releases/1/bin/vibe-gateway"
ln -sfn releases/1 "$base/current"
printf '[Service]\\nWorkingDirectory=/home/vibe\\nExecStart=/opt/vibe-gateway/current/bin/vibe-gateway run\\n' \\
  > "$VIBE_ROOT/etc/systemd/system/vibe-gateway.service"
echo "args: $*"
${installTail}
`;
  return {
    files: [
      {
        path: '/etc/vibe/gateway.env',
        content: Buffer.from('VIBE_CP_URL=http://cp.test\nVIBE_BOOTSTRAP_TOKEN=bt\n'),
        mode: 0o600,
        append: false,
      },
      { path: '/usr/local/lib/vibe/install.sh', content: Buffer.from(installer), mode: 0o755, append: false },
    ],
    install: ['/usr/local/lib/vibe/install.sh', 'http://release.test/r.tar.gz', 'http://release.test/r.tar.gz.sig'],
  };
}

it('restarts a gateway that exits by itself, every time, like Restart=always without a start limit', async () => {
  const { m, starts } = commandMachine('process.exit(3)');
  m.start();
  await waitFor('many restarts', async () => (starts() >= 12 ? true : undefined));
  await m.stop();
  const after = starts();
  await new Promise((r) => setTimeout(r, 100));
  expect(starts()).toBe(after);
  expect(m.running).toBe(false);
  await m.destroy();
});

it('does not restart a gateway it stopped', async () => {
  const { m, starts } = commandMachine('setInterval(() => {}, 60000)');
  m.start();
  await waitFor('started', async () => (starts() === 1 ? true : undefined));
  await m.stop();
  await new Promise((r) => setTimeout(r, 100));
  expect(starts()).toBe(1);
  expect(m.running).toBe(false);
  await m.destroy();
  expect(existsSync(m.sandbox)).toBe(false);
});

it('installs from the user_data once, then starts the installed unit from the sandbox on every power-on', async () => {
  // The test-only extra environment reaches the gateway; it cannot move the sandbox's paths.
  const m = machine({ install: installBoot() }, { VIBE_UPDATE_CONFIRM_S: '7', HOME: '/root' });
  const state = join(m.sandbox, 'state');
  expect(m.installState).toBe('pending');
  m.start();
  await waitFor('gateway started', async () => (lines(join(state, 'starts')) > 0 && m.running ? true : undefined));
  expect(m.installState).toBe('done');
  expect(statSync(join(m.sandbox, 'etc/vibe/gateway.env')).mode & 0o777).toBe(0o600);
  expect(statSync(join(m.sandbox, 'usr/local/lib/vibe/install.sh')).mode & 0o777).toBe(0o755);
  expect(readFileSync(join(m.sandbox, 'var/log/cloud-init-output.log'), 'utf8')).toContain(
    'args: http://release.test/r.tar.gz http://release.test/r.tar.gz.sig',
  );
  expect(readFileSync(join(state, 'starts'), 'utf8')).toBe(
    `${join(m.sandbox, 'opt/vibe-gateway/current/bin/vibe-gateway')} run ${join(m.sandbox, 'home/vibe')}\n`,
  );
  const env = Object.fromEntries(
    readFileSync(join(state, 'env'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  expect(env).toMatchObject({
    VIBE_CP_URL: 'http://cp.test',
    VIBE_BOOTSTRAP_TOKEN: 'bt',
    HOME: join(m.sandbox, 'home/vibe'),
    VIBE_STATE_DIR: state,
    VIBE_TMUX_SOCKET: m.tmuxSocket,
    VIBE_RELEASE_ROOT: join(m.sandbox, 'opt/vibe-gateway'),
    VIBE_RELEASE_PUBLIC_KEY: join(m.sandbox, 'etc/vibe/gateway-release.pub'),
    npm_config_prefix: join(m.sandbox, 'home/vibe/.local'),
    VIBE_UPDATE_CONFIRM_S: '7',
  });
  expect(env.PATH?.startsWith(`${join(m.sandbox, 'home/vibe/.local/bin')}:`)).toBe(true);
  expect(env.VIBE_ROOT).toBeUndefined();

  await m.stop();
  m.start();
  await waitFor('second start', async () =>
    readFileSync(join(state, 'starts'), 'utf8').split('\n').length === 3 ? true : undefined,
  );
  expect(lines(join(m.sandbox, 'installs'))).toBe(1);
  await m.destroy();
});

it('starts no gateway after a failed install, on this or any later power-on', async () => {
  const m = machine({ install: installBoot('echo "no release" >&2; exit 3') });
  m.start();
  await waitFor('install failed', async () => (m.installState === 'failed' ? true : undefined));
  expect(readFileSync(join(m.sandbox, 'var/log/cloud-init-output.log'), 'utf8')).toContain('no release');
  await m.stop();
  m.start();
  await new Promise((r) => setTimeout(r, 100));
  expect(m.running).toBe(false);
  expect(lines(join(m.sandbox, 'state', 'starts'))).toBe(0);
  expect(lines(join(m.sandbox, 'installs'))).toBe(1);
  await m.destroy();
});

it('stops an install part-way and runs it again at the next power-on', async () => {
  const m = machine({ install: installBoot('sleep 600') });
  m.start();
  await waitFor('install running', async () => (lines(join(m.sandbox, 'installs')) > 0 ? true : undefined));
  const started = Date.now();
  await m.stop();
  expect(Date.now() - started).toBeLessThan(3_000);
  expect(m.installState).toBe('pending');
  expect(m.running).toBe(false);
  m.start();
  await waitFor('install again', async () => (lines(join(m.sandbox, 'installs')) === 2 ? true : undefined));
  expect(m.installState).toBe('running');
  await m.destroy();
});
