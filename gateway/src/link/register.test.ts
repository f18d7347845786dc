import { describe, expect, it } from 'vitest';
import { type Fetch, registerOnce } from './register.ts';

const url = 'http://cp.test/api/gateways/register';

function answering(status: number, body: unknown): { fetchImpl: Fetch; sent: RequestInit[] } {
  const sent: RequestInit[] = [];
  const fetchImpl = (async (_: string, init: RequestInit) => {
    sent.push(init);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as Fetch;
  return { fetchImpl, sent };
}

describe('registerOnce', () => {
  it('trades the bootstrap token for the credential the control plane answers', async () => {
    const { fetchImpl, sent } = answering(200, { gateway_id: 'gw-1', credential: 'cred_abc' });
    expect(await registerOnce(url, 'tok_1', fetchImpl)).toEqual({
      ok: true,
      value: { gatewayId: 'gw-1', credential: 'cred_abc' },
    });
    expect(sent[0]?.body).toBe(JSON.stringify({ bootstrap_token: 'tok_1' }));
  });

  it('refuses a reply that does not match the route schema, saying where', async () => {
    const { fetchImpl } = answering(200, { gateway_id: 'gw-1', credential: '' });
    const result = await registerOnce(url, 'tok_1', fetchImpl);
    expect(result).toMatchObject({ ok: false, rejected: false });
    expect(result.ok ? '' : result.message).toContain('/credential');
  });

  it('reports a refused token as rejected with the server code', async () => {
    const { fetchImpl } = answering(401, { error: { code: 'auth.invalid_bootstrap_token', message: 'used' } });
    expect(await registerOnce(url, 'tok_1', fetchImpl)).toEqual({
      ok: false,
      rejected: true,
      message: 'registration refused: auth.invalid_bootstrap_token',
    });
  });

  it('reports an unreachable control plane as a retryable failure', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('connect ECONNREFUSED');
    }) as Fetch;
    expect(await registerOnce(url, 'tok_1', fetchImpl)).toMatchObject({ ok: false, rejected: false });
  });
});
