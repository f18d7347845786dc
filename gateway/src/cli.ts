/**
 * `vibe-gateway run [flags]`: starts the daemon; SIGTERM/SIGINT stop it cleanly (tmux sessions keep running).
 * `vibe-gateway update --url …` installs a signed release (update/command.ts); `vibe-gateway version` prints the
 * version. `update-watch` is the rollback watchdog an update starts; it is not for people.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@vibecode/schemas/log';
import { loadConfig, settings } from './config.ts';
import { GatewayError } from './errors.ts';
import { startGateway } from './gateway.ts';
import { runUpdateCommand, runWatchCommand, watchdogEnv } from './update/command.ts';
import { VERSION } from './version.ts';

/** `agents/` sits beside `src/` in the checkout and beside `lib/` (the bundle's folder) in a release. */
function defaultAgentsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'agents');
}

function usage(): string {
  const lines = Object.values(settings).map(
    (s) => `  --${s.flag.padEnd(22)} ${s.env}${'default' in s ? ` (default ${s.default})` : ''}`,
  );
  return [
    'usage: vibe-gateway run [flags]',
    '       vibe-gateway update --url <artifact> [--signature-url <url>] [--sha256 <hex>]',
    '       vibe-gateway version',
    '',
    'update installs a signed release into the release root, switches current and stops the running gateway',
    '(its supervisor starts the new release); the previous one comes back unless the hub welcomes the new one',
    'in time. It reads --state-dir, --release-root, --release-public-key and --update-confirm-s like run does.',
    '--signature-url defaults to the artifact URL + .sig.',
    '',
    'flags (each also an env var):',
    ...lines,
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'version' || command === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === 'update') return runUpdateCommand(rest, process.env);
  if (command === 'update-watch') return runWatchCommand(rest);
  if (command !== 'run') {
    process.stderr.write(usage());
    return 2;
  }
  const log = createLogger({ service: 'vibe-gateway' });
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(rest, process.env, defaultAgentsDir());
  } catch (e) {
    process.stderr.write(`vibe-gateway: ${(e as Error).message}\n\n${usage()}`);
    return 2;
  }
  const abort = new AbortController();
  let stopping = false;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    abort.abort();
    void (gateway?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    gateway = await startGateway(config, log, abort.signal, { restart: stop, watchdogEnv: watchdogEnv(process.env) });
  } catch (e) {
    const code = e instanceof GatewayError ? e.code : 'gateway.start_failed';
    log.error('gateway failed to start', { code, error: (e as Error).message });
    return 1;
  }
  if (!gateway) return 0;
  if (abort.signal.aborted) stop();
  return -1;
}

main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exit(code);
});
