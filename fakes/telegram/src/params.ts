/**
 * A Bot API request's parameters. Like Telegram's own server, every parameter becomes a string whatever the body
 * format (JSON numbers and booleans as text, JSON objects and arrays re-serialized), so the methods read JSON-typed
 * parameters (`reply_markup`, `commands`…) the same way from a JSON body, a form or a multipart upload.
 */
import type { IncomingMessage } from 'node:http';
import { badRequest } from './errors.ts';
import { boundaryOf, type MultipartError, parseMultipart, type UploadedFile } from './multipart.ts';

export class Params {
  constructor(
    private readonly values: Map<string, string>,
    private readonly uploads: Map<string, UploadedFile>,
    /** What the call log shows: the body as sent (files as `{file_name, mime_type, file_size}`). */
    readonly recorded: Record<string, unknown>,
  ) {}

  has(name: string): boolean {
    return this.values.has(name) || this.uploads.has(name);
  }

  str(name: string): string {
    return this.values.get(name) ?? '';
  }

  /** Telegram reads ids leniently: anything that is not an integer counts as 0 (absent). */
  int(name: string): number {
    const text = this.str(name).trim();
    return /^-?\d+$/.test(text) ? Number(text) : 0;
  }

  bool(name: string): boolean {
    return ['true', 'yes', '1'].includes(this.str(name).trim().toLowerCase());
  }

  /** A JSON-typed parameter; `undefined` when absent or empty, `failed` when it does not parse. */
  json(name: string): { value: unknown } | undefined | 'failed' {
    const text = this.str(name);
    if (text === '') return undefined;
    try {
      return { value: JSON.parse(text) };
    } catch {
      return 'failed';
    }
  }

  /** An uploaded file sent as the part `name` itself, or as `attach://<part>` (grammY's way). */
  upload(name: string): UploadedFile | undefined {
    const direct = this.uploads.get(name);
    if (direct) return direct;
    const ref = this.str(name);
    return ref.startsWith('attach://') ? this.uploads.get(ref.slice('attach://'.length)) : undefined;
  }
}

function stringify(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function readParams(req: IncomingMessage, url: URL, body: Buffer): Params {
  const values = new Map<string, string>(url.searchParams);
  const uploads = new Map<string, UploadedFile>();
  const recorded: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const contentType = req.headers['content-type'] ?? '';
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  if (body.length > 0 && type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw badRequest("can't parse JSON object");
    }
    for (const [k, v] of Object.entries(parsed)) {
      const text = stringify(v);
      if (text !== undefined) values.set(k, text);
      recorded[k] = v;
    }
  } else if (body.length > 0 && type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) {
      values.set(k, v);
      recorded[k] = v;
    }
  } else if (type === 'multipart/form-data') {
    const boundary = boundaryOf(contentType);
    if (!boundary) throw badRequest("can't parse multipart/form-data: no boundary");
    let parts: ReturnType<typeof parseMultipart>;
    try {
      parts = parseMultipart(body, boundary);
    } catch (err) {
      throw badRequest(`can't parse multipart/form-data: ${(err as MultipartError).message}`);
    }
    for (const [k, v] of parts.fields) {
      values.set(k, v);
      recorded[k] = v;
    }
    for (const [k, file] of parts.files) {
      uploads.set(k, file);
      recorded[k] = { file_name: file.fileName, mime_type: file.contentType, file_size: file.data.length };
    }
  }
  return new Params(values, uploads, recorded);
}
