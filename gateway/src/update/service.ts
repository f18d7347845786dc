/**
 * The daemon's side of self-update. `gateway.update` runs one update at a time and reports
 * `gateway.update.status` as it goes (progress at most every PROGRESS_INTERVAL_MS), then restarts the daemon
 * into the new release. `gateway.welcome` confirms a release on probation (the watchdog then lets go) and makes a
 * release that was rolled back to report it. At start it refuses to run as a release that was rolled back.
 */
import { echoRef, type GatewayEvent, type MessageByType, message } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import type { UpdateSettings } from '../config.ts';
import { toGatewayError } from '../errors.ts';
import { type InstallStage, installUpdate } from './install.ts';
import { confirmPending, pendingPath, readState, removeIfPresent, rolledBackPath, type UpdateState } from './state.ts';
import { updateError } from './update-error.ts';

export const PROGRESS_INTERVAL_MS = 500;

export interface UpdateServiceDeps {
  settings: UpdateSettings;
  /** This process's release version. */
  version: string;
  log: Logger;
  /** Sends on the link that is up now; dropped while there is none. */
  send(event: GatewayEvent): void;
  /** Stops the daemon cleanly so its supervisor starts `current`. */
  restart(): void;
  watchdogEnv: NodeJS.ProcessEnv;
  install?: typeof installUpdate;
  now?: () => number;
}

type Stage = MessageByType['gateway.update.status']['stage'];

export class UpdateService {
  private busy = false;
  private readonly abort = new AbortController();
  /** The pending update that installed this release; confirmed by the first welcome. */
  private probation: UpdateState | undefined;
  /** An update of which this release is the rolled-back-to side; reported once welcomed. */
  private rolledBack: UpdateState | undefined;

  constructor(private readonly deps: UpdateServiceDeps) {}

  /** Reads what a previous update left; throws `update.rolled_back` when this process is the release rolled back. */
  async start(): Promise<void> {
    const { stateDir } = this.deps.settings;
    const { version, log } = this.deps;
    const rolled = await readState(rolledBackPath(stateDir));
    if (rolled && rolled.to.version === version && rolled.from.version !== version)
      throw updateError('update.rolled_back', `release ${version} was rolled back to ${rolled.from.version}`);
    if (rolled && rolled.from.version === version) this.rolledBack = rolled;
    const pending = await readState(pendingPath(stateDir));
    if (pending && pending.to.version === version) {
      this.probation = pending;
      log.info('new release on probation until the hub welcomes it', {
        from: pending.from.version,
        in_ms: pending.deadline - (this.deps.now ?? Date.now)(),
      });
    }
  }

  stop(): void {
    this.abort.abort();
  }

  /** The hub accepted this link's hello. Never rejects: a failure is logged (the watchdog still decides). */
  async welcomed(): Promise<void> {
    try {
      await this.onWelcome();
    } catch (e) {
      this.deps.log.error('could not settle the update state', { error: (e as Error).message });
    }
  }

  private async onWelcome(): Promise<void> {
    const { stateDir } = this.deps.settings;
    const { log } = this.deps;
    const probation = this.probation;
    this.probation = undefined;
    if (probation) {
      if (await confirmPending(stateDir)) log.info('update confirmed', { from: probation.from.version });
      else log.warn('the watchdog rolled this release back before the welcome came', {});
    }
    const rolled = this.rolledBack;
    this.rolledBack = undefined;
    if (rolled) {
      this.deps.send(
        message('gateway.update.status', {
          version: rolled.to.version,
          stage: 'rolled_back',
          error: updateError('update.not_confirmed', rolled.rolledBack?.reason ?? 'the update was rolled back').detail,
          ...echoRef(rolled.ref),
        }),
      );
      await removeIfPresent(rolledBackPath(stateDir));
      log.warn('reported a rolled-back update', { version: rolled.to.version });
    }
  }

  handle(cmd: MessageByType['gateway.update']): void {
    const { log } = this.deps;
    const now = this.deps.now ?? Date.now;
    const ref = echoRef(cmd.ref);
    const status = (stage: Stage, extra: Partial<MessageByType['gateway.update.status']> = {}) =>
      this.deps.send(message('gateway.update.status', { version: cmd.version, stage, ...extra, ...ref }));
    if (this.busy) {
      status('failed', { error: updateError('update.busy', 'an update is already running').detail });
      return;
    }
    this.busy = true;
    let lastProgress = Number.NEGATIVE_INFINITY;
    const onProgress = (received: number, total: number | undefined) => {
      if (now() - lastProgress < PROGRESS_INTERVAL_MS && received !== total) return;
      lastProgress = now();
      status('downloading', { received, ...(total !== undefined ? { total } : {}) });
    };
    log.info('update requested', { version: cmd.version });
    void (this.deps.install ?? installUpdate)(
      this.deps.settings,
      {
        url: cmd.url,
        version: cmd.version,
        sha256: cmd.sha256,
        signature: Buffer.from(cmd.signature, 'base64'),
        ...ref,
      },
      {
        log,
        onStage: (stage: InstallStage) => {
          if (stage !== 'downloading') status(stage);
        },
        onProgress,
        signal: this.abort.signal,
        watchdogEnv: this.deps.watchdogEnv,
      },
    ).then(
      (installed) => {
        log.info('restarting into the new release', { from: installed.from.version, to: installed.to.version });
        status('restarting');
        this.deps.restart();
      },
      (e: unknown) => {
        const error = toGatewayError(e, 'update.install_failed');
        log.warn('update failed', { version: cmd.version, code: error.code, error: error.message });
        status('failed', { error: error.detail });
        this.busy = false;
      },
    );
  }
}
