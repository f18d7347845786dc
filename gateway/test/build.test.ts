import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHub } from './hub.ts';
import { createSandbox, type Sandbox } from './sandbox.ts';

const gatewayDir = join(import.meta.dirname, '..');
const pkgVersion = JSON.parse(readFileSync(join(gatewayDir, 'package.json'), 'utf8')).version;

describe('the release bundle', () => {
  // Inside the package, so the external node-pty resolves from node_modules as it does in a release folder.
  const outdir = join(gatewayDir, 'dist', `test-${randomBytes(4).toString('hex')}`);
  const bundle = join(outdir, 'vibe-gateway.mjs');
  let hub: TestHub;
  let sandbox: Sandbox;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(gatewayDir, 'scripts', 'build.mjs'), outdir]);
    hub = await TestHub.start();
    sandbox = createSandbox();
  });

  afterAll(async () => {
    await hub?.stop();
    sandbox?.cleanup();
    rmSync(outdir, { recursive: true, force: true });
  });

  it('prints its version', () => {
    expect(execFileSync(process.execPath, [bundle, 'version'], { encoding: 'utf8' }).trim()).toBe(pkgVersion);
  });

  it('runs a session end to end without tsx', async () => {
    const child = spawn(process.execPath, [bundle, 'run'], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: sandbox.home,
        VIBE_CP_URL: hub.url,
        VIBE_BOOTSTRAP_TOKEN: 'boot-token',
        VIBE_STATE_DIR: sandbox.stateDir,
        VIBE_WORKSPACE_ROOT: sandbox.workspace,
        VIBE_TMUX_SOCKET: sandbox.tmuxSocket,
        VIBE_AUTHORIZED_KEYS: sandbox.authorizedKeys,
      },
      stdio: 'ignore',
    });
    try {
      const hello = await hub.event('gateway.hello');
      expect(hello.version).toBe(pkgVersion);
      const since = hub.mark();
      hub.send('session.create', {
        session_id: 1,
        tmux_name: 'b1',
        agent_type: 'shell',
        workdir: join(sandbox.workspace, 'b'),
      });
      await hub.event('session.started', { since });
      hub.send('session.attach', { session_id: 1, last_seq: 0 });
      hub.send('session.input', { session_id: 1, data: 'echo bundled-$((3*3))\r' });
      await hub.outputContains(1, 'bundled-9', since);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
