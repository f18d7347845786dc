/** `fakes/bin/fake-webpush.js`: environment in, base URL out, clean stop on SIGTERM. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'fake-webpush.js');

it('prints its base URL first, serves the push service on 127.0.0.1, and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, [BIN], {
    env: { PATH: process.env.PATH, VIBE_WEBPUSH_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line: string = (await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()).value;
    expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${line}/_fake/messages`)).json()).toEqual([]);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
});

it('refuses a bad port', () => {
  const badPort = spawnSync(process.execPath, [BIN], {
    env: { PATH: process.env.PATH, VIBE_WEBPUSH_PORT: 'http' },
    encoding: 'utf8',
  });
  expect(badPort.status).toBe(2);
  expect(badPort.stderr).toContain('VIBE_WEBPUSH_PORT');
});
