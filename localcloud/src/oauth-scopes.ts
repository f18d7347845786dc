/**
 * What a grant's scope lets a token do, as DigitalOcean decides it: `read` covers every `<resource>:read`, `write`
 * every create/update/delete, and a custom scope (`droplet:create`) exactly itself. A call outside the grant gets
 * DigitalOcean's documented 403 body. The API (`api.ts`) asks this one place for every route, in tests and local
 * development alike.
 */
import { HttpError } from './http.ts';

/** A scope the API needs for a call: `<resource>:<verb>`, as DigitalOcean names its custom scopes. */
export type ApiScope = `${string}:${'read' | 'create' | 'update' | 'delete'}`;

export function scopeCovers(granted: string, required: ApiScope): boolean {
  const scopes = new Set(granted.split(' ').filter(Boolean));
  if (scopes.has(required)) return true;
  return required.endsWith(':read') ? scopes.has('read') : scopes.has('write');
}

export function forbidden(headers: Record<string, string>): HttpError {
  return new HttpError(403, 'forbidden', 'You do not have access for the attempted action.', headers);
}
