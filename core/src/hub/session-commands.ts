/**
 * What the Worker asks of one of the hub's sessions: create, restart, answer its prompt, end, type into it, show it
 * on its channels again. Each is a gateway command or a surface change, answered as a `HubResult`; the hub's RPC
 * methods hand them over.
 */
import { message } from '@vibecode/schemas';
import {
  answerPrompt,
  createSession,
  endSession,
  type PromptAnswer,
  restartSession,
  type SessionCreateArgs,
} from './gateway-commands.ts';
import type { GatewayRpc } from './gateway-rpc.ts';
import { asHubResult, type HubResult } from './hub-error.ts';
import { COMMAND_TIMEOUT_MS } from './limits.ts';
import type { SurfaceViewer } from './surface-viewer.ts';
import type { TrafficRecords } from './traffic-records.ts';

export interface SessionCommandsDeps {
  gateway: GatewayRpc;
  traffic: TrafficRecords;
  surfaces: SurfaceViewer;
}

export class SessionCommands {
  constructor(private readonly deps: SessionCommandsDeps) {}

  create(args: SessionCreateArgs): Promise<HubResult<null>> {
    return done(() => createSession(this.deps.gateway, args, COMMAND_TIMEOUT_MS));
  }

  restart(number: number): Promise<HubResult<null>> {
    return done(() => restartSession(this.deps.gateway, number, COMMAND_TIMEOUT_MS));
  }

  /** Types an answer to the prompt on the session's screen, if it is still the one with that fingerprint. */
  answer(number: number, answer: PromptAnswer): Promise<HubResult<null>> {
    return done(async () => {
      await answerPrompt(this.deps.gateway, number, answer, COMMAND_TIMEOUT_MS);
      // Answered on one surface: cleared on all (the one that answered has claimed its own message already).
      this.deps.surfaces.attention.cleared(number, 'answered', Date.now());
    });
  }

  end(number: number): Promise<HubResult<null>> {
    return done(() => endSession(this.deps.gateway, number, COMMAND_TIMEOUT_MS));
  }

  /** Input from a channel (text typed in a chat, a named key): to the session's terminal, as a viewer's would go. */
  input(number: number, data: string): Promise<HubResult<null>> {
    return done(() => {
      this.deps.gateway.send(message('session.input', { session_id: number, data }));
      this.deps.traffic.sessionActivity(number, Date.now());
      this.deps.surfaces.input(number);
    });
  }

  /** Shows the session's screen to its channel surfaces again, as a new message. */
  redraw(number: number): Promise<HubResult<null>> {
    return done(() => this.deps.surfaces.redraw(number, Date.now()));
  }
}

/** A command that answers nothing but whether it worked: its failure as the hub's typed error. */
function done(command: () => unknown): Promise<HubResult<null>> {
  return asHubResult(async () => {
    await command();
    return null;
  });
}
