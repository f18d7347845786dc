import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('worker routing', () => {
  it('answers an unknown API path with a typed 404', async () => {
    const res = await exports.default.fetch('http://localhost/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'http.not_found', message: 'no route for GET /api/nope' } });
  });

  it('runs against a D1 database with the migrations applied', async () => {
    const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{
      name: string;
    }>();
    expect(results.map((r) => r.name)).toEqual(
      expect.arrayContaining(['users', 'magic_link_tokens', 'web_sessions', 'vps', 'gateways', 'sessions']),
    );
  });
});
