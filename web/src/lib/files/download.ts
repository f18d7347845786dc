/**
 * `GET /api/sessions/:id/files?path=` as a browser download. The file (at most 20 MiB) is fetched first, so a
 * missing file shows the API's error on the page instead of navigating to an error body.
 */
import { ApiError, errorFromBody } from '../api/api-error.ts';
import { filesUrl } from './upload.ts';

/** The file name a download is saved under: the last path segment. */
export function downloadName(path: string): string {
  return path.split('/').filter(Boolean).at(-1) ?? 'download';
}

export async function downloadFile(sessionId: string, path: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(filesUrl(sessionId, path), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network.unreachable', 'Could not reach VibeCode. Check your connection and try again.');
  }
  if (!response.ok) throw errorFromBody(response.status, await response.json().catch(() => undefined));
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = downloadName(path);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
