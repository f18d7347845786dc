/**
 * Routes each text frame from the hub to its handler. Every frame is parsed and validated once here; anything
 * that cannot be handled becomes a typed `error` (or `session.error` / `file.error` when it names a session or
 * transfer) and the link carries on.
 */
import { echoRef, type MessageByType, message, parseTextFrame, senderOf } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { toGatewayError } from './errors.ts';
import type { FileTransfers } from './files/transfers.ts';
import type { HubLink } from './link/hub-link.ts';
import type { SessionManager } from './sessions/manager.ts';
import type { SshKeyService } from './ssh/service.ts';
import type { UpdateService } from './update/service.ts';

export interface DispatchDeps {
  sessions: SessionManager;
  files: FileTransfers;
  ssh: SshKeyService;
  updates: Pick<UpdateService, 'handle' | 'welcomed'>;
  /** This gateway's id: a welcome for another gateway confirms nothing. */
  gatewayId: string;
  log: Logger;
}

type SessionCommand = MessageByType[
  | 'session.input'
  | 'session.resize'
  | 'session.end'
  | 'session.restart'
  | 'session.attach'
  | 'session.capture'
  | 'session.answer'
  | 'session.ack'];

export function createDispatcher(deps: DispatchDeps): (text: string, out: HubLink) => void {
  const { sessions, files, ssh, updates, log } = deps;

  const withSession = (
    cmd: SessionCommand,
    out: HubLink,
    act: (s: NonNullable<ReturnType<SessionManager['get']>>) => void,
  ) => {
    const session = sessions.get(cmd.session_id);
    const ref = echoRef('ref' in cmd ? cmd.ref : undefined);
    if (!session) {
      out.send(
        message('session.error', {
          session_id: cmd.session_id,
          error: { code: 'session.not_found', message: `no session ${cmd.session_id} on this gateway` },
          ...ref,
        }),
      );
      return;
    }
    try {
      act(session);
    } catch (e) {
      out.send(
        message('session.error', {
          session_id: cmd.session_id,
          error: toGatewayError(e, 'session.failed').detail,
          ...ref,
        }),
      );
    }
  };

  return (text, out) => {
    const parsed = parseTextFrame(text);
    if (!parsed.ok) {
      const { code, message: msg, path } = parsed.error;
      log.warn('bad frame from hub', { code, error: msg });
      out.send(message('error', { code, message: msg, ...(path !== undefined ? { path } : {}) }));
      return;
    }
    const cmd = parsed.value;
    if (senderOf(cmd.type) === 'gateway') {
      out.send(
        message('error', {
          code: 'protocol.unexpected_type',
          message: `${cmd.type} is sent by gateways, not to them`,
          ...echoRef('ref' in cmd ? cmd.ref : undefined),
        }),
      );
      return;
    }
    switch (cmd.type) {
      case 'session.create':
        void sessions.create(cmd);
        return;
      case 'session.input':
        return withSession(cmd, out, (s) => s.input(cmd.data));
      case 'session.resize':
        return withSession(cmd, out, (s) => s.resize(cmd.cols, cmd.rows));
      case 'session.end':
        return withSession(cmd, out, (s) => void sessions.end(s));
      case 'session.restart':
        return withSession(cmd, out, (s) => void sessions.restart(s, cmd));
      case 'session.attach':
        return withSession(cmd, out, (s) => void s.attach(cmd.last_seq, cmd.ref));
      case 'session.capture':
        return withSession(cmd, out, (s) => void s.capture(cmd.ref));
      case 'session.ack':
        return withSession(cmd, out, (s) => s.ack(cmd.seq));
      case 'session.answer':
        return withSession(cmd, out, (s) => void s.answer(cmd.ref, cmd));
      case 'file.upload.begin':
        return void files.beginUpload(cmd, out);
      case 'file.upload.chunk':
        return files.uploadChunk(cmd, out);
      case 'file.upload.end':
        return void files.endUpload(cmd, out);
      case 'file.upload.abort':
        return void files.abortUpload(cmd.upload_id);
      case 'file.download':
        return void files.download(cmd, out);
      case 'file.download.ack':
        return files.downloadAck(cmd);
      case 'file.download.abort':
        return files.abortDownload(cmd.download_id);
      case 'file.list':
        return void files.list(cmd, out);
      case 'ssh.authorize':
        return void ssh.authorize(cmd, out);
      case 'ssh.revoke':
        return void ssh.revoke(cmd, out);
      case 'ssh.list':
        return void ssh.list(cmd, out);
      case 'gateway.update':
        return updates.handle(cmd);
      case 'gateway.welcome':
        if (cmd.gateway_id === deps.gatewayId) return void updates.welcomed();
        log.warn('welcome for another gateway ignored', { welcome_for: cmd.gateway_id });
        return;
      case 'error':
        log.warn('hub reported an error', { code: cmd.code, error: cmd.message });
        return;
      case 'ping':
      case 'pong':
      case 'gateway.offline':
      case 'gateway.online':
        return;
    }
  };
}
