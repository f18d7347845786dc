/**
 * What a channel may do to a user's sessions (the bot's text in a topic, its /end and /screen): the same ownership
 * checks and hub as the web's routes. Results are values: a channel answers the user with the error's message.
 */
import type { AgentType, SessionStatus } from '@vibecode/schemas';
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
  /** Renders the session's screen to its surfaces again, as a new message. */
  redraw(userId: string, sessionId: string): Promise<ControlResult<null>>;
}
