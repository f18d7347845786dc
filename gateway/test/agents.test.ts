import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHub } from './hub.ts';
import { createSandbox, type GatewayProcess, type Sandbox, startGateway } from './sandbox.ts';

describe('agent sessions', () => {
  let hub: TestHub;
  let sandbox: Sandbox;
  let gw: GatewayProcess;

  beforeAll(async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
    // The real launcher with a stand-in installer, so the test installs nothing from the network.
    const agents = join(sandbox.dir, 'agents');
    mkdirSync(agents);
    copyFileSync(join(import.meta.dirname, '..', 'agents', 'launch.sh'), join(agents, 'launch.sh'));
    writeFileSync(
      join(agents, 'install-claude.sh'),
      [
        '#!/usr/bin/env bash',
        'echo "fake-installer: installing claude"',
        'mkdir -p "$HOME/.local/bin"',
        `printf '#!/usr/bin/env bash\\necho "fake-claude: running in $PWD"\\nexec bash\\n' > "$HOME/.local/bin/claude"`,
        'chmod +x "$HOME/.local/bin/claude"',
        '',
      ].join('\n'),
    );
    chmodSync(join(agents, 'install-claude.sh'), 0o755);
    gw = startGateway(sandbox, hub.url, {
      VIBE_GATEWAY_CREDENTIAL: 'cred-secret',
      VIBE_GATEWAY_ID: 'gw_a',
      VIBE_AGENTS_DIR: agents,
      PATH: '/usr/local/bin:/usr/bin:/bin',
    });
    await hub.event('gateway.hello');
  });

  afterAll(async () => {
    await gw?.stop('SIGKILL');
    await hub?.stop();
    await sandbox?.cleanup();
  });

  it('installs a missing agent CLI with its output in a log under the state dir, then runs it', async () => {
    const since = hub.mark();
    const workdir = join(sandbox.workspace, 'agent');
    hub.send('session.create', { session_id: 1, tmux_name: 'a1', agent_type: 'claude', workdir });
    await hub.event('session.started', { since });
    hub.send('session.attach', { session_id: 1, last_seq: 0 });
    await hub.outputContains(1, `fake-claude: running in ${workdir}`, since);
    const log = join(sandbox.stateDir, 'agents', 'claude-install.log');
    const out = hub.output(1, since);
    expect(out).toContain(`vibe: installing claude, this takes a minute (details: ${log})`);
    expect(out).not.toContain('fake-installer');
    expect(readFileSync(log, 'utf8')).toContain('fake-installer: installing claude');
  });

  it('keeps the gateway settings and credential out of the session environment', async () => {
    const since = hub.mark();
    hub.send('session.input', {
      session_id: 1,
      data: 'echo "cred=[$VIBE_GATEWAY_CREDENTIAL] id=[$VIBE_SESSION_ID]"\r',
    });
    await hub.outputContains(1, 'cred=[] id=[1]', since);
  });
});

describe('agent installers', () => {
  const packages = { claude: '@anthropic-ai/claude-code', codex: '@openai/codex', gemini: '@google/gemini-cli' };

  it.each(Object.entries(packages))(
    '%s installs into ~/.local even where npm would use a system prefix',
    (agent, pkg) => {
      const dir = mkdtempSync(join(tmpdir(), 'vibe-installer-'));
      try {
        const bin = join(dir, 'bin');
        const home = join(dir, 'home');
        mkdirSync(bin);
        mkdirSync(home);
        // A stand-in npm that records how it was called.
        writeFileSync(join(bin, 'npm'), `#!/usr/bin/env bash\necho "$@" > "${join(dir, 'npm-args')}"\n`, {
          mode: 0o755,
        });
        execFileSync('bash', [join(import.meta.dirname, '..', 'agents', `install-${agent}.sh`)], {
          env: { HOME: home, PATH: `${bin}:/usr/bin:/bin`, npm_config_prefix: '/usr' },
          stdio: 'ignore',
        });
        expect(readFileSync(join(dir, 'npm-args'), 'utf8').trim()).toBe(`install -g --prefix ${home}/.local ${pkg}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
