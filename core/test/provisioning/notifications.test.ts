/**
 * The banner API's CSRF guard. Listing and dismissing what the cron's sweep delivered through the channels is tested
 * with the composed Worker, in worker/test/cron.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/auth.ts';
import { api, errorOf } from '../hub/subscriber.ts';

describe('the banner API', () => {
  it('refuses a cross-origin dismiss', async () => {
    const { cookie } = await signIn();
    const res = await api(`/api/notifications/${crypto.randomUUID()}/dismiss`, cookie, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(await errorOf(res)).toEqual({ status: 403, code: 'http.cross_origin' });
  });
});
