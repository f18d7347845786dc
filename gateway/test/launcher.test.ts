/**
 * The agent launcher (agents/launch.sh): an install's output goes to its log, and an agent that cannot start
 * says so in one plain line with what to do and where the details are, exiting non-zero. Real bash, the real
 * installers, a stand-in npm and agent.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const agents = join(import.meta.dirname, '..', 'agents');
let dir: string;
let bin: string;
let home: string;
let log: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vibe-launch-'));
  bin = join(dir, 'bin');
  home = join(dir, 'home');
  log = join(dir, 'state', 'agents', 'claude-install.log');
  mkdirSync(bin);
  mkdirSync(home);
  // Only what the scripts use: no npm and no agent unless a test puts one here.
  for (const tool of ['bash', 'dirname', 'grep', 'mkdir', 'chmod', 'cat']) {
    symlinkSync(spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), join(bin, tool));
  }
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): void {
  writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
}

/** A stand-in npm whose install puts a `claude` in ~/.local/bin that exits with `code`. */
function npmInstalling(code: number): void {
  script(
    'npm',
    [
      'echo "added 1 package in 2s"',
      'mkdir -p "$HOME/.local/bin"',
      `printf '#!/usr/bin/env bash\\necho "claude: Error: something went wrong"\\nexit ${code}\\n' > "$HOME/.local/bin/claude"`,
      'chmod +x "$HOME/.local/bin/claude"',
    ].join('\n'),
  );
}

function launch(agent = 'claude', env: Record<string, string> = {}) {
  const r = spawnSync('bash', [join(agents, 'launch.sh'), agent, log], {
    env: { HOME: home, PATH: bin, ...env },
    encoding: 'utf8',
  });
  const lines = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l !== '');
  return { code: r.status, lines };
}

describe('the agent launcher', () => {
  it('says in one line that the server has no network when npm cannot download, with the log for details', () => {
    script(
      'npm',
      'echo "npm ERR! code ENOTFOUND" >&2\necho "npm ERR! network request to https://registry.npmjs.org failed" >&2\nexit 1',
    );
    const { code, lines } = launch();
    expect(code).toBe(1);
    expect(lines).toEqual([
      `vibe: installing claude, this takes a minute (details: ${log})`,
      `vibe: could not install claude: this server cannot reach the internet. Check its network, then press Restart. Details: ${log}`,
    ]);
    expect(readFileSync(log, 'utf8')).toContain('npm ERR! code ENOTFOUND');
  });

  it('says npm is missing when there is none', () => {
    const { code, lines } = launch();
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(
      `vibe: could not install claude: npm is missing on this server. Install Node.js and npm, then press Restart. Details: ${log}`,
    );
    expect(lines).toHaveLength(2);
  });

  it('says the installer failed for any other install error', () => {
    script('npm', 'echo "npm ERR! code EACCES" >&2\nexit 243');
    const { code, lines } = launch();
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(
      `vibe: could not install claude: its installer failed. Press Restart to try again. Details: ${log}`,
    );
  });

  it('installs quietly and runs the agent, passing on its exit code', () => {
    npmInstalling(0);
    const { code, lines } = launch('claude', { ANTHROPIC_API_KEY: 'k' });
    expect(code).toBe(0);
    expect(lines).toEqual([
      `vibe: installing claude, this takes a minute (details: ${log})`,
      'claude: Error: something went wrong',
    ]);
    expect(readFileSync(log, 'utf8')).toContain('added 1 package');
  });

  it('adds what to do when the agent stops with an error and is not signed in', () => {
    npmInstalling(4);
    const { code, lines } = launch();
    expect(code).toBe(4);
    expect(lines.at(-1)).toBe(
      'vibe: claude stopped (code 4) and is not signed in: press Restart and sign in when it asks.',
    );
  });

  it('adds nothing when an agent that is signed in stops with an error (its own lines say why)', () => {
    npmInstalling(4);
    mkdirSync(join(home, '.claude'));
    writeFileSync(join(home, '.claude', '.credentials.json'), '{"x":1}');
    const { code, lines } = launch();
    expect(code).toBe(4);
    expect(lines.at(-1)).toBe('claude: Error: something went wrong');
  });

  it("passes the gateway's hooks on: claude its settings file, codex its notify program, gemini its defaults file", () => {
    for (const agent of ['claude', 'codex']) script(agent, 'for a in "$@"; do echo "arg: $a"; done');
    script('gemini', 'echo "args: $#"; echo "defaults: $GEMINI_CLI_SYSTEM_DEFAULTS_PATH"');
    const env = {
      ANTHROPIC_API_KEY: 'k',
      VIBE_CLAUDE_SETTINGS: '/state/claude-hooks.json',
      VIBE_CODEX_NOTIFY: '["/opt/node","/opt/agents/hook.mjs","codex"]',
      VIBE_GEMINI_SETTINGS: '/state/gemini-hooks.json',
    };
    expect(launch('claude', env).lines).toEqual(['arg: --settings', 'arg: /state/claude-hooks.json']);
    expect(launch('codex', env).lines).toEqual(['arg: -c', 'arg: notify=["/opt/node","/opt/agents/hook.mjs","codex"]']);
    expect(launch('gemini', env).lines).toEqual(['args: 0', 'defaults: /state/gemini-hooks.json']);
    // A defaults file the user set up is theirs: the gateway's hooks give way (its screen rules still read the pane).
    expect(launch('gemini', { ...env, GEMINI_CLI_SYSTEM_DEFAULTS_PATH: '/home/me/gemini.json' }).lines).toEqual([
      'args: 0',
      'defaults: /home/me/gemini.json',
    ]);
    expect(launch('gemini', { GEMINI_API_KEY: 'k' }).lines).toEqual(['args: 0', 'defaults: ']);
    expect(launch('claude', { ANTHROPIC_API_KEY: 'k' })).toEqual({ code: 0, lines: [] });
  });

  it('refuses an unknown agent in one line', () => {
    const { code, lines } = launch('cursor');
    expect(code).toBe(2);
    expect(lines).toEqual(["vibe: this session asks for an unknown agent ('cursor'); end it and create a new one."]);
  });
});
