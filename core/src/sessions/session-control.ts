/**
 * What a channel may do to a user's sessions (the bot's text in a topic, its /end and /screen): the same ownership
 * checks and hub as the web's routes. Results are values: a channel answers the user with the error's message.
 */
import type { SessionStatus } from '@vibecode/schemas';
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

export interface SessionControl {
  /** The user's session by id; `session.not_found` for anyone else's. */
  session(userId: string, sessionId: string): Promise<ControlResult<OwnedSession>>;
  /** Bytes for the session's terminal, as typed (a trailing `\r` is Enter). */
  input(userId: string, sessionId: string, data: string): Promise<ControlResult<null>>;
  /** Ends the session as the web's End does. */
  end(userId: string, sessionId: string): Promise<ControlResult<null>>;
  /** Renders the session's screen to its surfaces again, as a new message. */
  redraw(userId: string, sessionId: string): Promise<ControlResult<null>>;
}
