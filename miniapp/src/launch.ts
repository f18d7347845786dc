/**
 * The Mini App's start: which session the launch asks for (`/miniapp?session=<id>`), and trading Telegram's launch
 * data (`WebApp.initData`) for the web's session cookie at `POST /api/miniapp/auth`. Every way it can fail is a value
 * with the sentence the page shows; nothing is thrown. A failed auth never falls back to a cookie the browser may
 * already hold: that cookie could belong to another VibeCode account than the Telegram user's.
 */
import type { ApiRequest, ApiResponse } from '@vibecode/schemas';

type AuthRoute = 'POST /api/miniapp/auth';

export type LaunchFailureKind =
  | 'no_telegram'
  | 'no_init_data'
  | 'init_data_invalid'
  | 'not_linked'
  | 'not_configured'
  | 'unreachable'
  | 'session_ended'
  | 'failed';

export interface LaunchFailure {
  kind: LaunchFailureKind;
  message: string;
}

export type AuthResult = { ok: true; expiresAt: number } | { ok: false; failure: LaunchFailure };

/** What the page needs of `fetch`: status and body of a same-origin JSON POST. */
export type PostJson = (
  path: string,
  init: { method: 'POST'; credentials: 'same-origin'; headers: Record<string, string>; body: string },
) => Promise<{ status: number; json(): Promise<unknown> }>;

export const AUTH_PATH = '/api/miniapp/auth';

/** The longest session id the API hands out (schemas/api/session.json `id`). */
const SESSION_ID_MAX = 64;

export const LAUNCH_TEXT: Record<LaunchFailureKind, string> = {
  no_telegram: "Telegram's Mini App script did not load. Close and reopen the Mini App.",
  no_init_data: 'Open this page from the VibeCode bot in Telegram: it needs the launch data Telegram gives it.',
  init_data_invalid: 'Could not verify this Telegram session — close and reopen the Mini App',
  not_linked:
    'This Telegram account is not linked to VibeCode yet. On the VibeCode dashboard, choose Connect Telegram and ' +
    'send the code it shows to the bot, then reopen the Mini App.',
  not_configured: 'Telegram is not set up on this VibeCode server.',
  unreachable: 'Could not reach VibeCode. Check your connection, then close and reopen the Mini App.',
  session_ended: 'Your VibeCode session in Telegram has ended — close and reopen the Mini App.',
  failed: 'Something went wrong. Close and reopen the Mini App.',
};

export function launchFailure(kind: LaunchFailureKind, message: string = LAUNCH_TEXT[kind]): LaunchFailure {
  return { kind, message };
}

/** The `session` query parameter when it can be a session id, else null (the picker opens). */
export function sessionParam(search: URLSearchParams): string | null {
  const value = search.get('session');
  return value && value.length <= SESSION_ID_MAX && !/[\s/]/.test(value) ? value : null;
}

function errorBody(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

/** An answer other than 200 as the failure the page shows: the auth route's own codes in our words. */
export function authFailure(status: number, body: unknown): LaunchFailure {
  const error = errorBody(body);
  if (status === 401) return launchFailure('init_data_invalid');
  if (status === 403 && error?.code === 'telegram.not_linked') return launchFailure('not_linked');
  if (status === 503 && error?.code === 'telegram.not_configured') return launchFailure('not_configured');
  // Any other refusal: the server's message is already safe to show and says more than a generic line.
  return launchFailure('failed', error ? error.message : LAUNCH_TEXT.failed);
}

/** POST the raw initData; on 200 the cookie is set (by the browser) and `expires_at` is the session's end. */
export async function authenticate(initData: string, post: PostJson): Promise<AuthResult> {
  if (initData === '') return { ok: false, failure: launchFailure('no_init_data') };
  let answer: { status: number; json(): Promise<unknown> };
  try {
    answer = await post(AUTH_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ init_data: initData } satisfies ApiRequest<AuthRoute>),
    });
  } catch {
    return { ok: false, failure: launchFailure('unreachable') };
  }
  const body = await answer.json().catch(() => undefined);
  if (answer.status !== 200) return { ok: false, failure: authFailure(answer.status, body) };
  const expiresAt = (body as Partial<Record<keyof ApiResponse<AuthRoute>, unknown>> | undefined)?.expires_at;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt))
    return { ok: false, failure: launchFailure('failed') };
  return { ok: true, expiresAt };
}
