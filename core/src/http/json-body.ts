/** Reads a small JSON object body with a hard size bound (`bounded-read.ts`), then checks it against its route. */
import { type ApiBodyRoute, type ApiRequest, validateApiRequest } from '@vibecode/schemas';
import type { Context } from 'hono';
import { ApiError } from './api-error.ts';
import { readBounded } from './bounded-read.ts';

export const MAX_JSON_BODY_BYTES = 16 * 1024;

const tooLarge = (max: number) => new ApiError(413, 'http.body_too_large', `body exceeds ${max} bytes`);

/** The whole body as text, refusing (413) past `max` bytes whether or not Content-Length was declared. */
export async function readBoundedText(request: Request, max: number): Promise<string> {
  const bytes = await readBounded(request, max);
  if (bytes === 'too_large') throw tooLarge(max);
  return new TextDecoder().decode(bytes);
}

export async function readJsonObject(c: Context, max = MAX_JSON_BODY_BYTES): Promise<Record<string, unknown>> {
  const text = await readBoundedText(c.req.raw, max);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'http.invalid_json', 'body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(400, 'http.invalid_body', 'body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/**
 * The body of a JSON route, checked against its schema (schemas/api/routes.json): a typed value, or a 400
 * `http.invalid_body` naming what is wrong. `fieldErrors` lets a route answer its own error for one field (a bad
 * email is `auth.invalid_email`), whether that field is missing or malformed. `max` raises the size bound for a
 * route whose schema allows a longer body.
 */
export async function readApiBody<R extends ApiBodyRoute>(
  c: Context,
  route: R,
  fieldErrors: Partial<Record<string, ApiError>> = {},
  max = MAX_JSON_BODY_BYTES,
): Promise<ApiRequest<R>> {
  const result = validateApiRequest(route, await readJsonObject(c, max));
  if (result.ok) return result.value;
  const { field, message } = result.error;
  // Own fields only: the field is named by the body, and `fieldErrors.__proto__` is Object.prototype, which thrown
  // is no Error, so hono would not map it and the request would crash the Worker.
  const own = field !== null && Object.hasOwn(fieldErrors, field) ? fieldErrors[field] : undefined;
  throw own ?? new ApiError(400, 'http.invalid_body', message);
}
