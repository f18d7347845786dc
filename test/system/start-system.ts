/**
 * Runs `npm start`'s script (scripts/start.mjs) as a child process on free ports, with its own wrangler state,
 * localcloud and Telegram stand-in data dirs and release signing key (its droplets install the release it serves, signed with that key),
 * and stops it the way a person does (SIGTERM = Ctrl-C for the script).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, root } from '../../scripts/boot/index.mjs';

const READY = /VibeCode is running at (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

export interface RunningSystem {
  origin: string;
  cloudUrl: string;
  /** localcloud's data dir: `droplets/<id>/` is each droplet's sandbox. */
  cloudDataDir: string;
  output(): string;
  /** SIGTERM (Ctrl-C for the script) and its exit code; files stay for inspection until `remove`. */
  stop(): Promise<number | null>;
  remove(): void;
}

/** `testBuild`: serve the web app's test build (`VIBE_TEST_BUILD=1`), for tests that read the terminal's test hook. */
export async function startSystem(options: { testBuild?: boolean } = {}): Promise<RunningSystem> {
  const dir = mkdtempSync(join(tmpdir(), 'vibe-system-'));
  const [port, inspector, cloudPort, releasePort, telegramPort, webPushPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  });
  const cloudDataDir = join(dir, 'cloud');
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      VIBE_PORT: String(port),
      VIBE_INSPECTOR_PORT: String(inspector),
      VIBE_CLOUD_PORT: String(cloudPort),
      VIBE_STATE_DIR: join(dir, 'state'),
      VIBE_CLOUD_DATA_DIR: cloudDataDir,
      VIBE_RELEASE_PORT: String(releasePort),
      // The stand-ins too: another copy of the system (a developer's `npm start`) may hold their default ports.
      VIBE_TELEGRAM_PORT: String(telegramPort),
      VIBE_TELEGRAM_DATA_DIR: join(dir, 'telegram'),
      VIBE_WEBPUSH_PORT: String(webPushPort),
      GATEWAY_SIGNING_KEY: String(signingKey),
      VIBE_TEST_BUILD: options.testBuild ? '1' : '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const remove = () => rmSync(dir, { recursive: true, force: true });

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const match = READY.exec(output);
    if (match?.[1]) {
      return {
        origin: match[1],
        cloudUrl: `http://127.0.0.1:${cloudPort}`,
        cloudDataDir,
        output: () => output,
        stop,
        remove,
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      remove();
      throw new Error(`npm start did not become ready:\n${output.slice(-6000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
