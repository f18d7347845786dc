import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runUpdateCommand, watchdogEnv } from './command.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-update-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const code = await runUpdateCommand(argv, { VIBE_STATE_DIR: dir, ...env });
  return { code, stderr };
}

describe('vibe-gateway update', () => {
  it.each([
    [[], /--url <artifact> is required/],
    [['--url', 'ftp://x/y.tar.gz'], /only http\(s\)/],
    [['--url', 'https://r.example/x.tar.gz', '--sha256', 'abc'], /64 hex digits/],
    [['--url', 'https://r.example/x.tar.gz', '--bogus', '1'], /bogus/],
  ])('refuses bad flags with exit 2 (%j)', async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('says why when updates are not configured, and that nothing changed', async () => {
    const { code, stderr } = await run(['--url', 'https://r.example/x.tar.gz']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/update.not_configured: .*VIBE_RELEASE_ROOT.*\(nothing was changed\)/);
  });

  it('gives the watchdog no secrets from the unit environment', () => {
    expect(watchdogEnv({ PATH: '/bin', HOME: '/home/vibe', VIBE_GATEWAY_CREDENTIAL: 'secret' })).toEqual({
      PATH: '/bin',
      HOME: '/home/vibe',
      LANG: 'C.UTF-8',
    });
  });
});
