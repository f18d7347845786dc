import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { accessToken, json, startHarness, waitFor } from '../test/helpers.ts';

const USER_DATA =
  '#cloud-config\nwrite_files:\n  - path: /etc/vibe/gateway.env\n    content: |\n      VIBE_CP_URL=http://127.0.0.1:1\n      VIBE_BOOTSTRAP_TOKEN=tok-close-test\n';

it('close() stops every gateway and tmux server and removes every sandbox', async () => {
  const h = await startHarness();
  try {
    const headers = { authorization: `Bearer ${await accessToken(h.cloud)}`, 'content-type': 'application/json' };
    const machines = [];
    for (const name of ['close-1', 'close-2']) {
      const res = await fetch(`${h.cloud.url}/v2/droplets`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name, size: 's-1vcpu-1gb', image: 'debian-12-x64', user_data: USER_DATA }),
      });
      const { droplet } = await json(res);
      machines.push(
        await waitFor('running gateway', async () => {
          const m = await fetch(`${h.cloud.url}/_localcloud/droplets/${droplet.id}/machine`);
          const body = m.status === 200 ? await json(m) : undefined;
          const tmuxUp = body && spawnSync('tmux', ['-L', body.tmux_socket, 'has-session']).status === 0;
          return body?.running && tmuxUp ? body : undefined;
        }),
      );
    }
    await h.cloud.close();
    for (const m of machines) {
      expect(() => process.kill(m.pid, 0)).toThrow();
      expect(spawnSync('tmux', ['-L', m.tmux_socket, 'has-session']).status).not.toBe(0);
      expect(existsSync(m.sandbox)).toBe(false);
    }
  } finally {
    rmSync(h.dataDir, { recursive: true, force: true });
  }
});

it('the CLI prints its URL, serves, and exits cleanly on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'localcloud-cli-'));
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'localcloud.js')], {
    env: {
      PATH: process.env.PATH,
      LOCALCLOUD_CLIENT_ID: 'cli',
      LOCALCLOUD_CLIENT_SECRET: 'cli-secret',
      LOCALCLOUD_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const line: string = (await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()).value;
    expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${line}/v2/account`);
    expect(res.status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

it('the CLI refuses to start without an OAuth client', () => {
  const run = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'localcloud.js')], {
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('LOCALCLOUD_CLIENT_ID');
});
