/**
 * `PUT /api/sessions/:id/files?path=` with upload progress (fetch has none, so XMLHttpRequest), cancel and the
 * 5-minute cap (`xhr.timeout`). Errors are the API's typed errors; a cancel is `upload.cancelled`, the cap
 * `file.timeout`.
 */

import { FILE_TRANSFER_TIMEOUT_MS, type UploadedFile } from '@vibecode/schemas';
import { errorFromBody } from '../api/api-error.ts';
import { cancelled, interrupted, timedOut } from './transfer-errors.ts';

export interface UploadOptions {
  onProgress: (loaded: number, total: number) => void;
  signal: AbortSignal;
}

export function filesUrl(sessionId: string, path: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/files?path=${encodeURIComponent(path)}`;
}

export function uploadFile(sessionId: string, file: Blob, path: string, options: UploadOptions): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', filesUrl(sessionId, path));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (event) =>
      options.onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadedFile);
      else reject(errorFromBody(xhr.status, body));
    };
    xhr.timeout = FILE_TRANSFER_TIMEOUT_MS;
    xhr.ontimeout = () => reject(timedOut());
    xhr.onerror = () => reject(interrupted('upload'));
    xhr.onabort = () => reject(cancelled('upload'));
    options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
