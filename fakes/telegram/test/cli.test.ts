/** `fakes/bin/fake-telegram.js`: environment in, base URL out, clean stop on SIGTERM. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { startFakeTelegram } from '../src/index.ts';
import { json, TOKEN } from './helpers.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'fake-telegram.js');

it('prints its base URL first, serves the Bot API on 127.0.0.1, writes under its data dir, and exits 0 on SIGTERM', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'fake-telegram-cli-')), 'data');
  const child = spawn(process.execPath, [BIN], {
    env: {
      PATH: process.env.PATH,
      TELEGRAM_BOT_TOKEN: TOKEN,
      VIBE_TELEGRAM_PORT: '0',
      VIBE_TELEGRAM_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line: string = (await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()).value;
    expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const me = await json(await fetch(`${line}/bot${TOKEN}/getMe`));
    expect(me.result.username).toBe('vibecode_local_bot');
    await fetch(`${line}/_fake/files?name=a.txt`, { method: 'POST', body: 'a' });
    expect(existsSync(join(dataDir, 'files', 'documents', 'file_0.txt'))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  }
});

it('refuses to start without a token, or with a bad port', () => {
  const noToken = spawnSync(process.execPath, [BIN], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
  expect(noToken.status).toBe(2);
  expect(noToken.stderr).toContain('TELEGRAM_BOT_TOKEN');
  const badPort = spawnSync(process.execPath, [BIN], {
    env: { PATH: process.env.PATH, TELEGRAM_BOT_TOKEN: TOKEN, VIBE_TELEGRAM_PORT: 'http' },
    encoding: 'utf8',
  });
  expect(badPort.status).toBe(2);
  expect(badPort.stderr).toContain('VIBE_TELEGRAM_PORT');
  const badToken = spawnSync(process.execPath, [BIN], {
    env: { PATH: process.env.PATH, TELEGRAM_BOT_TOKEN: 'not-a-token', VIBE_TELEGRAM_PORT: '0' },
    encoding: 'utf8',
  });
  expect(badToken.status).toBe(2);
  expect(badToken.stderr).toContain('token must look like a bot token');
});

it('refuses a token that does not look like a bot token in-process too', async () => {
  await expect(startFakeTelegram({ token: 'abc' })).rejects.toThrow('token must look like a bot token');
});
