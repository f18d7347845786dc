/**
 * What a channel may do to a user's sessions (the bot's text in a topic, its /end and /screen): the same ownership
 * checks and hub as the web's routes. Results are values: a channel answers the user with the error's message.
 */
import type { AgentType, SessionStatus } from '@vibecode/schemas';
import type { PromptAnswer } from '../hub/gateway-commands.ts';
import type { SessionSummary } from './surfaces.ts';

export interface ControlError {
  /** The API's codes: `session.not_found`, `session.ended`, `session.not_running`, `gateway.offline`, … */
  code: string;
  message: string;
}

export type ControlResult<T> = { ok: true; value: T } | { ok: false; error: ControlError };

export interface OwnedSession extends SessionSummary {
  status: SessionStatus;
}

/** An answer to the prompt a session's screen showed, as the web's `POST /api/sessions/:id/answer` body. */
export type PromptReply = PromptAnswer;

/** A new session as a chat asks for it; checked like the web's `POST /api/vps/:id/sessions` body. */
export interface NewSessionRequest {
  title: string;
  agentType: AgentType;
}

export interface SessionControl {
  /**
   * Starts a session on the user's VPS as the web's `POST /api/vps/:id/sessions` does, with its errors:
   * `vps.not_found` (anyone else's too), `http.invalid_body`, `gateway.offline`, `session.limit`, the gateway's refusal
   * (an agent that is not installed).
   */
  create(userId: string, vpsId: string, request: NewSessionRequest): Promise<ControlResult<OwnedSession>>;
  /** The user's sessions that have not ended, on all their VPSs (by server name, then number). */
  list(userId: string): Promise<OwnedSession[]>;
  /** The user's session by id; `session.not_found` for anyone else's. */
  session(userId: string, sessionId: string): Promise<ControlResult<OwnedSession>>;
  /** Bytes for the session's terminal, as typed (a trailing `\r` is Enter). */
  input(userId: string, sessionId: string, data: string): Promise<ControlResult<null>>;
  /** Ends the session as the web's End does. */
  end(userId: string, sessionId: string): Promise<ControlResult<null>>;
  /**
   * Answers the prompt on the session's screen as `POST /api/sessions/:id/answer` does, with its errors:
   * `http.invalid_body`, `session.not_found`, `session.not_running`, `gateway.offline`, `session.prompt_changed`
   * (the screen shows another prompt now: nothing was typed). The item is cleared everywhere after.
   */
  answer(userId: string, sessionId: string, reply: PromptReply): Promise<ControlResult<null>>;
  /**
   * Sets whether the session's agent is continued when its usage limit resets, as
   * `POST /api/sessions/:id/continue-at-reset` does: when that will be (epoch ms), or null while it is not due.
   */
  continueAtReset(userId: string, sessionId: string, enabled: boolean): Promise<ControlResult<number | null>>;
  /** Renders the session's screen to its surfaces again, as a new message. */
  redraw(userId: string, sessionId: string): Promise<ControlResult<null>>;
}
