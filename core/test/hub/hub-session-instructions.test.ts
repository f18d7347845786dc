/**
 * The new-session form's agent instructions: `agent_config` in `POST /api/vps/:id/sessions` reaches the gateway's
 * `session.create` as sent, is left out when the form sent none, and bad ones are refused before any row or frame.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { CREATE_SESSION_MAX_BYTES } from '../../src/sessions/create-body.ts';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway } from '../helpers/gateway-socket.ts';
import { api, errorOf } from './subscriber.ts';

async function setup() {
  const user = await signIn();
  const vps = await createVpsWithGateway(user.userId);
  const gateway = await connectGateway(vps.credential, vps.gatewayId);
  const post = (body: unknown) => api(`/api/vps/${vps.vpsId}/sessions`, user.cookie, { method: 'POST', json: body });
  return { vps, gateway, post };
}

const sessionCount = async (vpsId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE vps_id = ?').bind(vpsId).first<{ n: number }>())?.n;

describe('agent instructions on session create', () => {
  it('passes the edited text to the gateway as sent, and nothing when the form sent none', async () => {
    const { gateway, post } = await setup();
    const instructions = '# Rules\n\n- Use pnpm.\n\t- Tabs are fine.\r\n'.padEnd(60_000, 'x');
    const edited = await post({
      title: 'edited',
      agent_type: 'claude',
      agent_config: { instructions, replace_defaults: true },
    });
    expect(edited.status, await edited.clone().text()).toBe(201);
    expect((await post({ title: 'plain', agent_type: 'shell' })).status).toBe(201);
    const [first, second] = gateway.inbox.messages('session.create');
    expect(first?.agent_config).toEqual({ instructions, replace_defaults: true });
    expect(second).not.toHaveProperty('agent_config');
  });

  it('refuses bad instructions with 400 and creates nothing', async () => {
    const { vps, gateway, post } = await setup();
    const bad: unknown[] = [
      { instructions: 42 },
      { instructions: 'x', replace_defaults: 'yes' },
      { instructions: 'x', extra: true },
      { instructions: 'x'.repeat(65_537) },
      { instructions: 'a\u0000b' },
      { instructions: 'colour \u001b[31m' },
      'just text',
      null,
    ];
    for (const agent_config of bad) {
      const res = await post({ title: 'x', agent_type: 'shell', agent_config });
      expect({ agent_config, ...(await errorOf(res)) }).toEqual({
        agent_config,
        status: 400,
        code: 'http.invalid_body',
      });
    }
    const huge = await post({
      title: 'x',
      agent_type: 'shell',
      agent_config: { instructions: '\u0001'.repeat(CREATE_SESSION_MAX_BYTES / 6) },
    });
    expect(await errorOf(huge)).toEqual({ status: 413, code: 'http.body_too_large' });
    expect(await sessionCount(vps.vpsId)).toBe(0);
    expect(gateway.inbox.messages('session.create')).toEqual([]);
  });
});
