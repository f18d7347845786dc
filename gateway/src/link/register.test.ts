import { describe, expect, it } from 'vitest';
import type { PostJson } from './post-json.ts';
import { registerOnce } from './register.ts';

const url = 'http://cp.test/api/gateways/register';

function answering(status: number, body: unknown): { post: PostJson; sent: string[] } {
  const sent: string[] = [];
  const post: PostJson = async (_url, request) => {
    sent.push(request);
    return { status, body };
  };
  return { post, sent };
}

describe('registerOnce', () => {
  it('trades the bootstrap token for the credential the control plane answers', async () => {
    const { post, sent } = answering(200, { gateway_id: 'gw-1', credential: 'cred_abc' });
    expect(await registerOnce(url, 'tok_1', post)).toEqual({
      ok: true,
      value: { gatewayId: 'gw-1', credential: 'cred_abc' },
    });
    expect(sent[0]).toBe(JSON.stringify({ bootstrap_token: 'tok_1' }));
  });

  it('refuses a reply that does not match the route schema, saying where', async () => {
    const { post } = answering(200, { gateway_id: 'gw-1', credential: '' });
    const result = await registerOnce(url, 'tok_1', post);
    expect(result).toMatchObject({ ok: false, rejected: false });
    expect(result.ok ? '' : result.message).toContain('/credential');
  });

  it('reports a refused token as rejected with the server code', async () => {
    const { post } = answering(401, { error: { code: 'auth.invalid_bootstrap_token', message: 'used' } });
    expect(await registerOnce(url, 'tok_1', post)).toEqual({
      ok: false,
      rejected: true,
      message: 'registration refused: auth.invalid_bootstrap_token',
    });
  });

  it('reports an unreachable control plane as a retryable failure', async () => {
    const post: PostJson = async () => {
      throw new TypeError('connect ECONNREFUSED');
    };
    expect(await registerOnce(url, 'tok_1', post)).toMatchObject({ ok: false, rejected: false });
  });
});
