/**
 * The `?path=` of the file routes: relative to the session workdir, no `..`, no absolute path, no empty or
 * control-character segments. The gateway enforces the same (plus symlinks); this refuses early and typed.
 */
export const MAX_PATH_CHARS = 1024;

export function parseRelativePath(raw: string | undefined): string | null {
  if (raw === undefined || raw === '' || raw.length > MAX_PATH_CHARS) return null;
  if (raw.startsWith('/') || raw.includes('\\') || /\p{Cc}/u.test(raw)) return null;
  const segments = raw.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  return raw;
}

/** The `?path=` of a folder listing: absent or empty is the workdir itself; otherwise as `parseRelativePath`. */
export function parseFolderPath(raw: string | undefined): string | null {
  return raw === undefined || raw === '' ? '' : parseRelativePath(raw);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback (quotes, backslashes and non-ASCII replaced) and
 * the exact name as RFC 5987 `filename*`.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'download';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
