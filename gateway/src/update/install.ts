/**
 * The update itself, shared by the hub's `gateway.update` and `vibe-gateway update`: download (streamed into
 * `releases/`, hashed and signature-checked on the way), verify, unpack, move to `releases/<version>`, write the
 * pending state, start the watchdog from the running release, switch `current`, prune. Every failure before the
 * switch removes what it made and leaves `current` alone. The caller then restarts the daemon.
 */

import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { echoRef } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import type { UpdateSettings } from '../config.ts';
import { toGatewayError } from '../errors.ts';
import { type DownloadLimits, download, RELEASE_LIMITS, SIGNATURE_LIMITS } from './download.ts';
import {
  exists,
  incomingPath,
  pruneReleases,
  type ReleaseRef,
  readCurrent,
  releaseDir,
  switchCurrent,
} from './layout.ts';
import { acquireUpdateLock } from './lock.ts';
import { pidFilePath } from './pid-file.ts';
import { pendingPath, readState, removeIfPresent, rolledBackPath, WATCHDOG_LOG, writeState } from './state.ts';
import { inspectRelease, unpackTarball } from './unpack.ts';
import { updateError } from './update-error.ts';
import { loadReleaseKey, ReleaseDigest } from './verify.ts';
import { spawnWatchdog } from './watchdog-spawn.ts';

export type InstallStage = 'downloading' | 'verifying' | 'installing';

export interface UpdateRequest {
  url: string;
  /** The announced version (the hub's command); the CLI takes the release's VERSION. */
  version?: string;
  sha256?: string;
  /** The detached signature, or where to fetch it (the CLI: the artifact URL + `.sig`). */
  signature: Buffer | { url: string };
  ref?: string;
}

export interface InstallOptions {
  log: Logger;
  onStage?: (stage: InstallStage) => void;
  onProgress?: (received: number, total: number | undefined) => void;
  signal?: AbortSignal;
  /** The watchdog's environment: no secrets, just what a shell needs (PATH, HOME). */
  watchdogEnv: NodeJS.ProcessEnv;
  limits?: DownloadLimits;
  now?: () => number;
}

export interface Installed {
  from: ReleaseRef;
  to: ReleaseRef;
  /** Epoch ms by which the new release must be welcomed. */
  deadline: number;
  watchdogPid: number;
  pruned: string[];
}

/** A pending update older than its deadline by this had its watchdog die (a reboot): it no longer blocks. */
const ABANDONED_AFTER_MS = 120_000;

async function fetchSignature(url: string, signal: AbortSignal | undefined): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  await download(url, (c) => void chunks.push(c), SIGNATURE_LIMITS, { signal });
  return Buffer.concat(chunks);
}

export async function installUpdate(
  settings: UpdateSettings,
  request: UpdateRequest,
  options: InstallOptions,
): Promise<Installed> {
  const { log, now = Date.now } = options;
  const root = settings.releaseRoot;
  if (!root || !settings.publicKeyPath)
    throw updateError('update.not_configured', 'self-update needs VIBE_RELEASE_ROOT and VIBE_RELEASE_PUBLIC_KEY');
  const key = await loadReleaseKey(settings.publicKeyPath);
  const from = await readCurrent(root);
  if (request.version === from.version)
    throw updateError('update.already_current', `${from.version} is the release running now`);

  const release = await acquireUpdateLock(root);
  // What to take back, newest last, should a step before the switch fail.
  const undo: (() => Promise<unknown>)[] = [];
  const made = (path: string) => undo.push(() => rm(path, { recursive: true, force: true }));
  try {
    const pending = await readState(pendingPath(settings.stateDir));
    if (pending && now() < pending.deadline + ABANDONED_AFTER_MS)
      throw updateError('update.busy', `the update to ${pending.to.version} is waiting for its confirmation`);

    const signature =
      'url' in request.signature ? await fetchSignature(request.signature.url, options.signal) : request.signature;

    options.onStage?.('downloading');
    const tarball = incomingPath(root, '.tar.gz');
    made(tarball);
    const digest = new ReleaseDigest();
    const file = await open(tarball, 'wx', 0o600);
    try {
      await download(
        request.url,
        async (chunk) => {
          digest.update(chunk);
          await file.write(chunk);
        },
        options.limits ?? RELEASE_LIMITS,
        { onProgress: options.onProgress, signal: options.signal },
      );
    } finally {
      await file.close();
    }

    options.onStage?.('verifying');
    const sha256 = digest.check({ sha256: request.sha256, signature }, key);

    options.onStage?.('installing');
    const unpacked = incomingPath(root);
    made(unpacked);
    await unpackTarball(tarball, unpacked);
    const version = await inspectRelease(unpacked, request.version);
    if (version === from.version)
      throw updateError('update.already_current', `${from.version} is the release running now`);
    await rm(tarball, { force: true });

    const to: ReleaseRef = { version, dir: releaseDir(root, version) };
    // A folder of that version that is not current (a rolled-back attempt) is replaced by this verified copy.
    let replaced: string | undefined;
    if (await exists(to.dir)) {
      const stale = incomingPath(root);
      await rename(to.dir, stale);
      undo.push(() => rename(stale, to.dir));
      replaced = stale;
    }
    await rename(unpacked, to.dir);
    made(to.dir);

    // One reading of the clock: the watchdog's window (and the reason a rollback gives) is deadline − startedAt.
    const startedAt = now();
    const deadline = startedAt + settings.confirmMs;
    const statePath = pendingPath(settings.stateDir);
    // A new update supersedes an unreported rollback of an older one.
    await removeIfPresent(rolledBackPath(settings.stateDir));
    await writeState(statePath, {
      root,
      from,
      to,
      deadline,
      startedAt,
      pidFile: pidFilePath(settings.stateDir),
      ...echoRef(request.ref),
    });
    made(statePath);
    const watchdog = await spawnWatchdog(
      from.dir,
      statePath,
      join(settings.stateDir, WATCHDOG_LOG),
      options.watchdogEnv,
    );
    undo.push(async () => watchdog.release());
    await switchCurrent(root, to.dir);
    watchdog.arm();
    undo.length = 0;
    if (replaced) await rm(replaced, { recursive: true, force: true });
    log.info('release installed', { from: from.version, to: version, sha256 });

    let pruned: string[] = [];
    try {
      pruned = await pruneReleases(root, [from.dir, to.dir]);
    } catch (e) {
      log.warn('could not prune old releases', { error: (e as Error).message });
    }
    return { from, to, deadline, watchdogPid: watchdog.pid, pruned };
  } catch (e) {
    // Newest first: the pending state goes before anything else (its watchdog then exits on its own).
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw toGatewayError(e, 'update.install_failed');
  } finally {
    await release();
  }
}
