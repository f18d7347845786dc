/**
 * `GET /api/sessions/:id/files?path=` as a browser download with progress, Cancel and the 5-minute cap. The file (at
 * most 20 MiB) is read into memory first, so a missing file shows the API's error on the page instead of navigating
 * to an error body, and the bytes read so far give the progress bar.
 */
import { FILE_TRANSFER_TIMEOUT_MS } from '@vibecode/schemas';
import { errorFromBody } from '../api/api-error.ts';
import { cancelled, interrupted, timedOut } from './transfer-errors.ts';
import { filesUrl } from './upload.ts';

export interface DownloadOptions {
  onProgress: (loaded: number, total: number) => void;
  signal: AbortSignal;
  /** The cap; the protocol's 5 minutes unless a test says otherwise. */
  timeoutMs?: number;
  fetchFn?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Hands the finished file to the browser; a link click by default. */
  save?: (file: Blob, name: string) => void;
}

/** The file name a download is saved under: the last path segment. */
export function downloadName(path: string): string {
  return path.split('/').filter(Boolean).at(-1) ?? 'download';
}

function saveWithLink(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** Resolves with the size once the browser has the file; rejects with the API's error, a cancel or the cap. */
export async function downloadFile(sessionId: string, path: string, options: DownloadOptions): Promise<number> {
  const { fetchFn = (input, init) => fetch(input, init), save = saveWithLink } = options;
  const stop = new AbortController();
  let capped = false;
  const timer = setTimeout(() => {
    capped = true;
    stop.abort();
  }, options.timeoutMs ?? FILE_TRANSFER_TIMEOUT_MS);
  const cancel = () => stop.abort();
  options.signal.addEventListener('abort', cancel, { once: true });
  const failure = () => (capped ? timedOut() : stop.signal.aborted ? cancelled('download') : interrupted('download'));
  try {
    if (options.signal.aborted) throw cancelled('download');
    let response: Response;
    try {
      response = await fetchFn(filesUrl(sessionId, path), { credentials: 'same-origin', signal: stop.signal });
    } catch {
      throw failure();
    }
    if (!response.ok) throw errorFromBody(response.status, await response.json().catch(() => undefined));
    const total = Number(response.headers.get('content-length') ?? 0);
    const reader = response.body?.getReader();
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let loaded = 0;
    options.onProgress(0, total);
    while (reader) {
      let next: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>;
      try {
        next = await reader.read();
      } catch {
        throw failure();
      }
      if (next.done) break;
      parts.push(next.value);
      loaded += next.value.byteLength;
      options.onProgress(loaded, total);
    }
    if (stop.signal.aborted) throw failure();
    save(new Blob(parts), downloadName(path));
    return loaded;
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', cancel);
  }
}
