/** `GET /api/sessions/:id/folder?path=`: one folder of the session workdir, as the API lists it. */
import type { ApiResponse } from '@vibecode/schemas';
import { ApiError, errorFromBody } from '../api/api-error.ts';

export type FolderListing = ApiResponse<'GET /api/sessions/:id/folder'>;

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export function folderUrl(sessionId: string, path: string): string {
  const query = path === '' ? '' : `?path=${encodeURIComponent(path)}`;
  return `/api/sessions/${encodeURIComponent(sessionId)}/folder${query}`;
}

export async function fetchFolder(
  sessionId: string,
  path: string,
  signal: AbortSignal,
  fetchFn: Fetch = (input, init) => fetch(input, init),
): Promise<FolderListing> {
  let response: Response;
  try {
    response = await fetchFn(folderUrl(sessionId, path), {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      signal,
    });
  } catch (e) {
    if (signal.aborted) throw e;
    throw new ApiError(0, 'network.unreachable', 'Could not reach VibeCode. Check your connection and try again.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorFromBody(response.status, body);
  return body as FolderListing;
}
