/**
 * The picker's data: the user's servers and each one's sessions, read the way the dashboard and a server's page read
 * them. One server's list failing (its gateway away) leaves the others usable; a 401 means the Mini App's session
 * ended, which ends them all.
 */
import { type LaunchFailure, launchFailure } from '@vibecode/miniapp';
import type { Session, Vps } from '@vibecode/schemas';
// Relative, not $lib: the unit tests run in plain vitest, which has no SvelteKit aliases.
import { ApiError } from '../../lib/api/api-error.ts';
import { type Api, api } from '../../lib/api/client.ts';
import { errorText } from '../../lib/ui/error-text.ts';

/** The dependency the picker's data hangs on: `invalidate(SERVERS)` reads it again. */
export const SERVERS = 'miniapp:servers';

export interface ServerSessions {
  vps: Vps;
  /** Null when the list could not be read; `error` says why. */
  sessions: Session[] | null;
  error: string | null;
}

/** An API failure after sign-in as the Mini App says it: a 401 asks to reopen it, not to sign in. */
export function listFailure(error: unknown): LaunchFailure {
  if (error instanceof ApiError && error.unauthenticated) return launchFailure('session_ended');
  if (error instanceof ApiError && error.status === 0) return launchFailure('unreachable');
  return launchFailure('failed', errorText(error));
}

export async function serversOf(client: Pick<Api, 'listVps' | 'listSessions'> = api): Promise<ServerSessions[]> {
  const vps = await client.listVps();
  return Promise.all(
    vps.map(async (server) => {
      try {
        return { vps: server, sessions: await client.listSessions(server.id), error: null };
      } catch (error) {
        if (error instanceof ApiError && error.unauthenticated) throw error;
        return { vps: server, sessions: null, error: errorText(error) };
      }
    }),
  );
}

/** The session `id`, wherever it is in the picker's data. */
export function findSession(servers: readonly ServerSessions[], id: string): Session | null {
  for (const server of servers) {
    const found = server.sessions?.find((session) => session.id === id);
    if (found) return found;
  }
  return null;
}
