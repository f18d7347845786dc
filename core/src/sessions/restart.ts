/**
 * Restarting a session keeps it: same row, number, tmux name, workdir and agent. An exited one (its tmux session
 * holds a dead pane) has its program run again in place; a stopped one (its tmux server went away) is created again
 * on the gateway. Anything else has nothing to restart.
 */
import { ApiError } from '../http/api-error.ts';
import type { SessionCreateArgs } from '../hub/gateway-commands.ts';
import type { HubResult } from '../hub/hub-error.ts';
import type { SessionRow } from './session-json.ts';

/** The hub methods a restart uses. */
export interface RestartHub {
  restartSession(number: number): Promise<HubResult<null>>;
  createSession(args: SessionCreateArgs): Promise<HubResult<null>>;
}

export function restartRefusal(status: SessionRow['status']): ApiError | null {
  switch (status) {
    case 'exited':
    case 'stopped':
      return null;
    case 'ended':
      return new ApiError(409, 'session.ended', 'this session has ended; create a new one');
    default:
      return new ApiError(409, 'session.not_exited', 'this session is still running; there is nothing to restart');
  }
}

export function restartOnGateway(hub: RestartHub, row: SessionRow): Promise<HubResult<null>> {
  if (row.status === 'exited') return hub.restartSession(row.number);
  return hub.createSession({
    number: row.number,
    tmuxName: row.tmuxName,
    agentType: row.agentType,
    workdir: row.workdir,
  });
}
