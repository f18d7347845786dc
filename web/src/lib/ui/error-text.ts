/**
 * What a failed action shows: a sentence a person understands, and the error's code kept after it for support
 * (`ErrorLine.svelte` shows the code small and muted). Codes people meet get their own sentence; any other API
 * error shows the server's message (already safe to show) as a sentence; anything else a generic line.
 */
import { FILE_MAX_BYTES, MAX_SESSIONS } from '@vibecode/schemas';
import { ApiError } from '../api/api-error.ts';

export const GENERIC_ERROR = 'Something went wrong. Please try again.';

const SENTENCES: Record<string, string> = {
  'auth.required': 'You are signed out. Sign in again to continue.',
  'auth.invalid_email': 'That does not look like an email address. Check it and try again.',
  'http.cross_origin': 'The request was refused because it did not come from this page. Reload it and try again.',
  'http.body_too_large': 'That is too long to send. Shorten it and try again.',
  'http.invalid_json': 'VibeCode could not read that request. Reload the page and try again.',
  internal: 'Something went wrong on our side. Please try again.',
  'session.limit': `This server already runs ${MAX_SESSIONS} sessions, the most it can run at once. End one to start another.`,
  'session.not_found': 'This session no longer exists. Reload the page to see the current list.',
  'session.ended': 'This session has already ended.',
  'session.not_running': 'This session is not running right now.',
  'session.not_exited': 'This session is running again already. Reload the page to see it.',
  'session.stopped': 'This session stopped with its server. Restart it to use it again.',
  'session.prompt_changed': 'The question changed — open the session to see it.',
  'session.restart_failed': 'The server could not start this session again. Try again, or end it and create a new one.',
  'vps.not_found': 'This server no longer exists. Go back to the dashboard to see your servers.',
  'vps.invalid_state': "The server can't do that in its current state. Reload the page to see it, then try again.",
  'vps.confirm_mismatch': 'Type the exact name of the server to confirm.',
  'gateway.offline':
    "The server's gateway is not connected, so it can't do that now. Try again once it shows Connected.",
  'gateway.timeout': 'The server did not answer in time. Try again in a moment.',
  'gateway.busy': 'The server is busy with other requests. Try again in a moment.',
  'gateway.update_in_progress': 'The gateway is updating. Try again when the update has finished.',
  'cloud.not_connected': 'Connect your DigitalOcean account first.',
  'cloud.not_configured': 'Creating servers is not set up on this VibeCode.',
  'cloud.unauthorized': 'DigitalOcean no longer accepts this connection. Disconnect and connect DigitalOcean again.',
  'cloud.unavailable': 'DigitalOcean could not be reached. Try again in a few minutes.',
  'cloud.rate_limited': 'DigitalOcean is limiting requests right now. Try again in a few minutes.',
  'file.too_large': `Files are limited to ${FILE_MAX_BYTES / (1024 * 1024)} MiB.`,
  'file.not_found': 'That file is not there. Check the name and try again.',
  'file.path_invalid': "That path is outside the session's folder. Use a path inside it.",
  'file.timeout': 'The transfer took longer than 5 minutes and was stopped. Try a smaller file.',
  'file.not_a_folder': 'That is a file, not a folder.',
  'file.denied': "The server's permissions do not let VibeCode read that folder.",
  'file.busy': 'The server is busy with other file transfers. Try again in a moment.',
};

/** `the gateway is offline` → `The gateway is offline.` */
function asSentence(message: string): string {
  const text = message.trim();
  if (text === '') return GENERIC_ERROR;
  const capital = text[0]?.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** What happened in words, and the code to quote to support (none for a failure that never reached the API). */
export function errorNote(error: unknown, fallback: string = GENERIC_ERROR): { text: string; code: string | null } {
  if (!(error instanceof ApiError)) return { text: fallback, code: null };
  if (error.code === 'network.unreachable') return { text: error.message, code: null };
  return { text: SENTENCES[error.code] ?? asSentence(error.message), code: error.code };
}

// `Sentence. (code vps.invalid_state)`: one string, so every panel's `error` stays a string.
const WITH_CODE = /^([\s\S]*) \(code ([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)\)$/;

/** `fallback` says what failed when the server gave no message (the network, say). */
export function errorText(error: unknown, fallback: string = GENERIC_ERROR): string {
  const { text, code } = errorNote(error, fallback);
  return code ? `${text} (code ${code})` : text;
}

/** An `errorText` string back in its parts, for showing the code apart from the sentence. */
export function splitErrorText(shown: string): { text: string; code: string | null } {
  const match = WITH_CODE.exec(shown);
  return match ? { text: match[1] as string, code: match[2] as string } : { text: shown, code: null };
}
