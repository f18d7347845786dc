/**
 * Sends a request to core's hono app (what the Worker runs for `/api/*` and `/auth/*`) with the test's real
 * bindings, and waits for its background work. Not through `exports.default`: under vitest-pool-workers every
 * `exports`/`SELF` fetch gets slower than the last (cloudflare/workers-sdk#15446; here 4 ms → 70 ms a request over
 * 400 requests), which no fuzz run can afford. The named regressions (route-bodies.test.ts) use the Worker itself.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { expect } from 'vitest';
import { createApp } from '../../src/app.ts';

const app = createApp();

export async function sendToApp(request: Request): Promise<{ status: number; text: string }> {
  const ctx = createExecutionContext();
  // A throw that is no Error escapes hono's onError and rejects the fetch: the Worker crashed, no answer at all.
  const res = await Promise.resolve(app.fetch(request, env, ctx)).catch((thrown: unknown) =>
    expect.fail(`the Worker crashed instead of answering: ${String(thrown)}`),
  );
  const text = await res.text();
  // Background work (a sign-in mail) lands before the caller compares D1.
  await waitOnExecutionContext(ctx);
  return { status: res.status, text };
}
