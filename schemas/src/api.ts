/**
 * The HTTP API's contract (api/routes.json): for each JSON route, its request body and response body types and
 * validators. The control plane validates request bodies here; clients (web, gateway, tests) read the types and may
 * check what they receive.
 */
import type { ApiRoutes } from './generated/api-types.ts';
import {
  type ResourceTypes,
  requestValidators,
  resourceValidators,
  responseValidators,
} from './generated/api-validator-map.ts';
import type { CompiledValidator } from './generated/validators.js';
import { err, ok, type Result } from './result.ts';

/** `'METHOD /path'` with `:param` placeholders, as routes.json names it. */
export type ApiRoute = keyof ApiRoutes;
export type ApiBodyRoute = keyof typeof requestValidators;
export type ApiJsonRoute = keyof typeof responseValidators;
export type ApiRequest<R extends ApiBodyRoute> = ApiRoutes[R] extends { request: infer B } ? B : never;
/** The response body of a route; `null` for a route that answers 204 without a body. */
export type ApiResponse<R extends ApiRoute> = ApiRoutes[R] extends { response: infer B } ? B : null;
/** A resource marked `x-validate` in schemas/api: a document the control plane reads from elsewhere. */
export type ApiResource = keyof ResourceTypes;

export interface ApiBodyError {
  code: 'http.invalid_body';
  message: string;
  /** JSON pointer to the offending value. */
  path: string;
  /** The top-level field the error is about (a missing or unknown one included), or null for the body itself. */
  field: string | null;
}

type ValidatorError = NonNullable<CompiledValidator['errors']>[number];

function fieldOf(error: ValidatorError): string | null {
  const named = error.params?.missingProperty ?? error.params?.additionalProperty;
  if (error.instancePath === '' && typeof named === 'string') return named;
  const top = /^\/([^/]+)/.exec(error.instancePath)?.[1];
  return top === undefined ? null : top.replaceAll('~1', '/').replaceAll('~0', '~');
}

function check<T>(validate: CompiledValidator, value: unknown, what: string): Result<T, ApiBodyError> {
  if (validate(value)) return ok(value as T);
  const first = validate.errors?.[0];
  const field = first ? fieldOf(first) : null;
  const extra = first?.params?.additionalProperty;
  const detail =
    first?.keyword === 'additionalProperties' && typeof extra === 'string'
      ? `has an unknown field ${extra}`
      : (first?.message ?? 'is invalid');
  const path = first?.instancePath ?? '';
  return err({ code: 'http.invalid_body', message: `${what}: ${path || 'body'} ${detail}`, path, field });
}

/** Checks a parsed request body against its route's schema. */
export function validateApiRequest<R extends ApiBodyRoute>(
  route: R,
  body: unknown,
): Result<ApiRequest<R>, ApiBodyError> {
  return check(requestValidators[route], body, route);
}

/** Checks a parsed response body against its route's schema. */
export function validateApiResponse<R extends ApiJsonRoute>(
  route: R,
  body: unknown,
): Result<ApiResponse<R>, ApiBodyError> {
  return check(responseValidators[route], body, route);
}

/** Checks a document read from elsewhere (a release's manifest) against its resource schema. */
export function validateApiResource<N extends ApiResource>(
  name: N,
  value: unknown,
): Result<ResourceTypes[N], ApiBodyError> {
  return check(resourceValidators[name], value, name);
}
