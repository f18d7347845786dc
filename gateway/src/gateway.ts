/**
 * Wires the gateway together: credential, tmux server, sessions (re-adopted), the link to the hub, file
 * transfers, SSH keys and health. Everything it needs comes in through `Config`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { message } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { prepareAgentHooks } from './attention/agent-hooks.ts';
import { HOOK_SOCKET, startHookServer } from './attention/hook-server.ts';
import type { Config } from './config.ts';
import { createDispatcher } from './dispatch.ts';
import { FileTransfers } from './files/transfers.ts';
import { UploadJournal } from './files/upload-journal.ts';
import { HealthProbe } from './health/health.ts';
import { HubConnection } from './link/hub-connection.ts';
import type { HubLink } from './link/hub-link.ts';
import { obtainCredential } from './link/register.ts';
import { SessionManager } from './sessions/manager.ts';
import { SshKeyService } from './ssh/service.ts';
import { tmuxConfig } from './tmux/config-file.ts';
import { cleanEnvironment, Tmux } from './tmux/tmux.ts';
import { writePidFile } from './update/pid-file.ts';
import { UpdateService } from './update/service.ts';
import { VERSION } from './version.ts';

export interface GatewayHooks {
  /** Stops the daemon cleanly (exit 0) so its supervisor starts `current` again: how an update restarts. */
  restart(): void;
  /** The environment the rollback watchdog gets (no secrets). */
  watchdogEnv: NodeJS.ProcessEnv;
}

export interface RunningGateway {
  /** Closes the link and the PTY clients; tmux sessions keep running. */
  stop(): Promise<void>;
}

/**
 * Starts the gateway; resolves to undefined when `signal` aborts before registration finished. Throws
 * `update.rolled_back` when this is a release an update watchdog rolled back (the supervisor then starts `current`).
 */
export async function startGateway(
  config: Config,
  baseLog: Logger,
  signal: AbortSignal,
  hooks: GatewayHooks,
): Promise<RunningGateway | undefined> {
  await mkdir(config.stateDir, { recursive: true, mode: 0o700 });
  let current: HubLink | undefined;
  const updates = new UpdateService({
    settings: config.update,
    version: VERSION,
    log: baseLog,
    send: (event) => current?.send(event),
    restart: hooks.restart,
    watchdogEnv: hooks.watchdogEnv,
  });
  await updates.start();
  await writePidFile(config.stateDir);
  await mkdir(config.workspaceRoot, { recursive: true });
  const credential = await obtainCredential(config, baseLog, { signal });
  if (!credential) return undefined;
  const log = baseLog.child({ gateway_id: credential.gatewayId });

  const tmuxConf = join(config.stateDir, 'tmux.conf');
  const tmuxSettings = tmuxConfig();
  await writeFile(tmuxConf, tmuxSettings.text, { mode: 0o600 });
  const tmux = new Tmux(config.tmuxSocket, tmuxConf, cleanEnvironment(process.env));
  if (await tmux.adoptConfig(tmuxSettings.version)) {
    log.info('tmux server re-read the gateway config', { tmux_config: tmuxSettings.version });
  }

  let lastActivity: number | undefined;
  const hookSocket = join(config.stateDir, HOOK_SOCKET);
  const hookEnv = await prepareAgentHooks(config.stateDir, config.agentsDir, hookSocket);
  const sessions = new SessionManager({
    tmux,
    log,
    workspaceRoot: config.workspaceRoot,
    agentsDir: config.agentsDir,
    agentLogDir: join(config.stateDir, 'agents'),
    localZone: config.localZone,
    onActivity: () => {
      lastActivity = Date.now();
    },
    hookEnv,
  });
  await sessions.adopt();
  const hookServer = await startHookServer(hookSocket, (call) => sessions.hooked(call), log);
  const journal = new UploadJournal(join(config.stateDir, 'uploads'));
  // Before the link opens: every upload the journal holds now belonged to a gateway process that is gone.
  const swept = await journal.sweep(config.workspaceRoot);
  if (swept > 0) log.info('removed what interrupted uploads left behind', { uploads: swept });
  const files = new FileTransfers({
    workdirOf: (sessionNumber) => sessions.get(sessionNumber)?.workdir,
    log,
    timeoutMs: config.fileTimeoutMs,
    journal,
  });
  const ssh = new SshKeyService({ path: config.authorizedKeys, log });
  await ssh.start();
  const dispatch = createDispatcher({ sessions, files, ssh, updates, gatewayId: credential.gatewayId, log });
  const health = new HealthProbe(credential.gatewayId, config.workspaceRoot);

  const sendHealth = async () => {
    const out = current;
    if (!out) return;
    try {
      out.send(await health.report(lastActivity === undefined ? null : new Date(lastActivity)));
    } catch (e) {
      log.warn('health report failed', { error: (e as Error).message });
    }
  };
  const healthTimer = setInterval(() => void sendHealth(), config.healthIntervalMs);

  const hub = new HubConnection(
    { url: config.wsUrl, credential: credential.credential, heartbeatMs: config.heartbeatIntervalMs, log },
    {
      onOpen: (link) => {
        current = link;
        // Every hello lists the sessions alive now, so the hub can end the ones a reboot took with the tmux server.
        link.send(
          message('gateway.hello', {
            gateway_id: credential.gatewayId,
            version: VERSION,
            sessions: sessions.sessionNumbers(),
          }),
        );
        sessions.linkUp(link);
        void sendHealth();
      },
      onText: (text, link) => dispatch(text, link),
      onBinary: (link) =>
        link.send(message('error', { code: 'protocol.unexpected_binary', message: 'the hub sends no binary frames' })),
      onClose: () => {
        current = undefined;
        sessions.linkDown();
        void files.abortAll();
      },
      onDrain: () => sessions.drained(),
    },
  );
  hub.start();
  log.info('gateway started', { version: VERSION, sessions: sessions.size, tmux_socket: config.tmuxSocket });

  return {
    stop: async () => {
      updates.stop();
      clearInterval(healthTimer);
      ssh.stop();
      await hub.stop();
      await files.abortAll();
      sessions.shutdown();
      tmux.close();
      await hookServer.close();
      log.info('gateway stopped');
    },
  };
}
