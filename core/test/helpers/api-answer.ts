/** Reads a JSON answer the way its contract says it must be (schemas/api/routes.json): status and shape checked. */
import { type ApiJsonRoute, type ApiResponse, validateApiResponse } from '@vibecode/schemas';
import { expect } from 'vitest';

export async function answer<R extends ApiJsonRoute>(route: R, status: number, res: Response): Promise<ApiResponse<R>> {
  const text = await res.text();
  expect(res.status, `${route}: ${text}`).toBe(status);
  const checked = validateApiResponse(route, JSON.parse(text));
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.value;
}
