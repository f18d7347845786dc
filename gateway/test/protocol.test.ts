import { join } from 'node:path';
import { MAX_TEXT_FRAME_BYTES } from '@vibecode/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatewayRig } from './rig.ts';

describe('bad input from the hub gets a typed error and the link carries on', () => {
  const rig = gatewayRig('gw_p', { VIBE_HEALTH_INTERVAL_S: '1' });

  beforeAll(async () => {
    const since = rig.hub.mark();
    rig.hub.send('session.create', {
      session_id: 1,
      tmux_name: 'p1',
      agent_type: 'shell',
      workdir: join(rig.sandbox.workspace, 'p'),
    });
    await rig.hub.event('session.started', { since });
    rig.hub.send('session.attach', { session_id: 1 });
    await rig.hub.event('session.snapshot', { since });
  });

  /** After each bad frame, the session still answers input on the same connection. */
  async function stillWorks(tag: string): Promise<void> {
    const since = rig.hub.mark();
    const conn = rig.hub.connections;
    rig.hub.send('session.input', { session_id: 1, data: `echo ok-${tag}-$((1+1))\r` });
    await rig.hub.outputContains(1, `ok-${tag}-2`, since);
    expect(rig.hub.connections).toBe(conn);
  }

  it.each([
    { name: 'malformed JSON', raw: '{"type":', code: 'protocol.invalid_json' },
    {
      name: 'unknown type',
      raw: JSON.stringify({ type: 'session.explode', schema_version: '1' }),
      code: 'protocol.unknown_type',
    },
    {
      name: 'schema violation',
      raw: JSON.stringify({ type: 'session.input', schema_version: '1', session_id: 1, data: '' }),
      code: 'protocol.schema',
    },
    {
      name: 'wrong schema version',
      raw: JSON.stringify({ type: 'ssh.list', schema_version: '2' }),
      code: 'protocol.schema',
    },
    {
      name: 'an event only gateways send',
      raw: JSON.stringify({ type: 'session.started', schema_version: '1', session_id: 1 }),
      code: 'protocol.unexpected_type',
    },
    { name: 'a text frame over 1 MiB', raw: `"${'x'.repeat(MAX_TEXT_FRAME_BYTES)}"`, code: 'protocol.too_large' },
  ])('$name → error $code', async ({ name, raw, code }) => {
    const since = rig.hub.mark();
    rig.hub.sendRaw(raw);
    const e = await rig.hub.event('error', { since });
    expect(e.code).toBe(code);
    await stillWorks(name.replace(/\W+/g, '-'));
  });

  it('a binary frame → error protocol.unexpected_binary', async () => {
    const since = rig.hub.mark();
    rig.hub.sendRaw(Buffer.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), true);
    expect((await rig.hub.event('error', { since })).code).toBe('protocol.unexpected_binary');
    await stillWorks('binary');
  });

  it('unknown session → session.error session.not_found with the ref', async () => {
    const since = rig.hub.mark();
    rig.hub.send('session.attach', { session_id: 777, ref: 'nope' });
    rig.hub.send('session.input', { session_id: 778, data: 'x' });
    const a = await rig.hub.event('session.error', { since, match: (m) => m.session_id === 777 });
    expect(a).toMatchObject({ ref: 'nope', error: { code: 'session.not_found' } });
    const b = await rig.hub.event('session.error', { since, match: (m) => m.session_id === 778 });
    expect(b.error.code).toBe('session.not_found');
    await stillWorks('unknown-session');
  });

  it('a frame over ws maxPayload (1 MiB + 64 KiB) closes the socket; the gateway reconnects and the session lives on', async () => {
    const conn = rig.hub.connections;
    rig.hub.sendRaw('y'.repeat(MAX_TEXT_FRAME_BYTES + 200 * 1024));
    await rig.hub.waitForConnection(conn + 1);
    expect(rig.gw.logs.some((l) => l.msg === 'link error' && l.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')).toBe(
      true,
    );
    const since = rig.hub.mark();
    rig.hub.send('session.attach', { session_id: 1 });
    await rig.hub.event('session.snapshot', { since });
    await stillWorks('after-oversize');
  });

  it('sends gateway.health every interval with real numbers', async () => {
    const since = rig.hub.mark();
    const a = await rig.hub.event('gateway.health', { since });
    const b = await rig.hub.event('gateway.health', { since: since + 1, match: (m) => m !== a });
    for (const h of [a, b]) {
      expect(h.gateway_id).toBe('gw_p');
      expect(h.cpu).toBeGreaterThanOrEqual(0);
      expect(h.cpu).toBeLessThanOrEqual(100);
      expect(h.mem.total).toBeGreaterThan(0);
      expect(h.mem.used).toBeGreaterThan(0);
      expect(h.mem.used).toBeLessThanOrEqual(h.mem.total);
      expect(h.disk.total).toBeGreaterThan(0);
      expect(h.disk.used).toBeLessThanOrEqual(h.disk.total);
      expect(h.uptime).toBeGreaterThan(0);
    }
    // The session's input and output count as activity.
    expect(Date.parse(b.last_activity_at ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });
});
