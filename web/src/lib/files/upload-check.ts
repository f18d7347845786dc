/**
 * What is checked before an upload starts: the protocol's 20 MiB limit (the server enforces it too, from
 * Content-Length, before reading a byte) and a destination that is a plain relative path.
 */
import { FILE_MAX_BYTES } from '@vibecode/schemas';

export const FILE_LIMIT_LABEL = '20 MiB';

export type UploadProblem = { code: 'file.too_large' | 'file.empty_name'; message: string };

export function checkUpload(file: { name: string; size: number }): UploadProblem | null {
  if (file.size > FILE_MAX_BYTES) {
    return { code: 'file.too_large', message: `${file.name} is larger than ${FILE_LIMIT_LABEL}, the upload limit.` };
  }
  if (file.name.trim() === '') return { code: 'file.empty_name', message: 'The file has no name.' };
  return null;
}

/** The percentage for a progress bar, 0..100. */
export function progressPercent(loaded: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.round((loaded / total) * 100));
}
