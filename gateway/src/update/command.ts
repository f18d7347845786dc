/**
 * The operator's `vibe-gateway update --url <artifact> [--signature-url <url>] [--sha256 <hex>]` and the hidden
 * `vibe-gateway update-watch --state <file>` the updater starts from the previous release. `update` runs as the
 * gateway's user with the unit's environment, installs like the hub command does, then stops the running daemon
 * through its pid file so its supervisor starts the new `current`.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createLogger } from '@vibecode/schemas/log';
import { loadUpdateSettings } from '../config.ts';
import { GatewayError, toGatewayError } from '../errors.ts';
import { checkDownloadUrl } from './download.ts';
import { installUpdate } from './install.ts';
import { pidFilePath, stopRunningGateway } from './pid-file.ts';
import { watchUpdate } from './watchdog.ts';
import { SWITCHED, WATCHING } from './watchdog-spawn.ts';

/** Nothing else from the caller's environment reaches the watchdog (the unit's env holds the credential). */
export function watchdogEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { PATH: env.PATH ?? '/usr/bin:/bin', HOME: env.HOME ?? '/', LANG: 'C.UTF-8' };
}

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

/**
 * The update must run as the daemon's user: files root made in the release root could not be pruned by it, and a
 * state file it cannot delete could never be confirmed (every update would roll back).
 */
async function checkUser(stateDir: string): Promise<void> {
  let owner: number;
  try {
    owner = (await stat(stateDir)).uid;
  } catch {
    return;
  }
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== owner)
    throw new GatewayError(
      'update.bad_request',
      `run this as the gateway's user (the owner of ${stateDir}, uid ${owner}), e.g. sudo -u vibe …`,
    );
}

/** `vibe-gateway update …`; resolves to the exit code. */
export async function runUpdateCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const fail = (code: string, msg: string, exit: number) => {
    process.stderr.write(`vibe-gateway update: ${code}: ${msg}\n`);
    return exit;
  };
  let loaded: ReturnType<typeof loadUpdateSettings>;
  try {
    loaded = loadUpdateSettings(argv, env, ['url', 'signature-url', 'sha256']);
    const { url, sha256 } = loaded.flags;
    if (!url) throw new GatewayError('config.invalid', '--url <artifact> is required');
    checkDownloadUrl(url);
    checkDownloadUrl(loaded.flags['signature-url'] ?? `${url}.sig`);
    if (sha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(sha256))
      throw new GatewayError('config.invalid', '--sha256 must be 64 hex digits');
  } catch (e) {
    const error = toGatewayError(e, 'config.invalid');
    return fail(error.code, error.message, 2);
  }
  const { settings, flags } = loaded;
  const url = flags.url as string;
  let lastPrint = 0;
  try {
    await checkUser(settings.stateDir);
    const installed = await installUpdate(
      settings,
      { url, sha256: flags.sha256?.toLowerCase(), signature: { url: flags['signature-url'] ?? `${url}.sig` } },
      {
        log: createLogger({ service: 'vibe-gateway-update' }, () => undefined),
        onStage: (stage) => say(stage),
        onProgress: (received, total) => {
          if (Date.now() - lastPrint < 1000 && received !== total) return;
          lastPrint = Date.now();
          say(`  ${mib(received)}${total !== undefined ? ` of ${mib(total)}` : ''}`);
        },
        watchdogEnv: watchdogEnv(env),
      },
    );
    say(`switched current to ${installed.to.version} (was ${installed.from.version})`);
    if (installed.pruned.length > 0) say(`removed old releases: ${installed.pruned.join(', ')}`);
    say(
      `${installed.from.version} comes back on its own unless ${installed.to.version} is welcomed by the hub within ${Math.round(settings.confirmMs / 1000)} s`,
    );
    const stopped = await stopRunningGateway(pidFilePath(settings.stateDir));
    say(
      stopped === undefined
        ? 'no running gateway found: start it (systemctl start vibe-gateway) to run the new release'
        : `stopped the running gateway (pid ${stopped}); its supervisor starts ${installed.to.version}`,
    );
    return 0;
  } catch (e) {
    const error = toGatewayError(e, 'update.install_failed');
    return fail(error.code, `${error.message} (nothing was changed)`, 1);
  }
}

/** Past its deadline the watchdog gets this long to finish a rollback before it exits regardless. */
const LINGER_MS = 60_000;
const MAX_LIFE_MS = 3_600_000 + LINGER_MS;

/** `vibe-gateway update-watch --state <file>` (started by the updater, not by people). */
export async function runWatchCommand(argv: string[]): Promise<number> {
  let state: string | undefined;
  try {
    state = parseArgs({ args: argv, options: { state: { type: 'string' } }, strict: true }).values.state;
  } catch {
    state = undefined;
  }
  if (!state) {
    process.stderr.write('usage: vibe-gateway update-watch --state <file>\n');
    return 2;
  }
  // Whatever happens to the files or the processes it watches, it does not stay around.
  setTimeout(() => process.exit(3), MAX_LIFE_MS).unref();
  const log = createLogger({ service: 'vibe-gateway-update-watch' });
  try {
    // Armed by the updater's message once it switched `current`, or when its channel goes (it may have died
    // right after switching); run by hand without a channel, at once.
    const armed = new Promise<void>((resolve) => {
      if (!process.connected) return resolve();
      process.on('message', (m) => m === SWITCHED && resolve());
      process.once('disconnect', () => resolve());
    });
    await watchUpdate(state, { log, armed, onWatching: () => process.send?.(WATCHING) });
    return 0;
  } catch (e) {
    log.error('watchdog failed', { error: (e as Error).message });
    return 1;
  }
}
