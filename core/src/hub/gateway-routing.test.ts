import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { routeGatewayMessage } from './gateway-routing.ts';

describe('routeGatewayMessage', () => {
  it('sends a snapshot that carries a subscriber ref to that subscriber only', () => {
    const snapshot = message('session.snapshot', {
      session_id: 2,
      cols: 80,
      rows: 24,
      text: '$ ',
      cursor: { x: 2, y: 0 },
      seq: 5,
      reason: 'fresh',
      ref: 'sub-1',
    });
    expect(routeGatewayMessage(snapshot)).toEqual({ kind: 'subscriber', subId: 'sub-1' });
  });

  it("sends a ref-less session event to the session's subscribers", () => {
    expect(
      routeGatewayMessage(message('session.error', { session_id: 2, error: { code: 'x.y', message: 'm' } })),
    ).toEqual({ kind: 'session', number: 2, lifecycle: null });
  });

  it("keeps an error about one of the hub's own commands from the session's viewers", () => {
    const error = { code: 'session.not_found', message: 'no session 2' };
    expect(routeGatewayMessage(message('session.error', { session_id: 2, error, ref: 'rpc-7' }))).toEqual({
      kind: 'reply',
    });
  });

  it('marks started and ended as lifecycle events', () => {
    expect(routeGatewayMessage(message('session.started', { session_id: 1, ref: 'rpc-1' }))).toEqual({
      kind: 'session',
      number: 1,
      lifecycle: 'started',
    });
    expect(routeGatewayMessage(message('session.ended', { session_id: 1, reason: 'exited' }))).toEqual({
      kind: 'session',
      number: 1,
      lifecycle: 'ended',
    });
  });

  it("sends an agent's state to the session's viewers, marked for the hub's record, and an answer to its caller", () => {
    expect(routeGatewayMessage(message('session.state', { session_id: 2, state: 'needs_input' }))).toEqual({
      kind: 'session',
      number: 2,
      lifecycle: 'state',
    });
    expect(routeGatewayMessage(message('session.answered', { session_id: 2, ref: 'rpc-3' }))).toEqual({
      kind: 'reply',
    });
  });

  it('hands replies to hub commands to the waiting calls', () => {
    expect(routeGatewayMessage(message('ssh.keys', { keys: [], ref: 'rpc-1' }))).toEqual({ kind: 'reply' });
    expect(routeGatewayMessage(message('file.upload.ack', { upload_id: 'u', seq: 0 }))).toEqual({ kind: 'reply' });
    expect(routeGatewayMessage(message('error', { code: 'a.b', message: 'm', ref: 'rpc-2' }))).toEqual({
      kind: 'reply',
    });
  });

  it('routes an error about a subscriber command back to it', () => {
    expect(routeGatewayMessage(message('error', { code: 'a.b', message: 'm', ref: 'sub-9' }))).toEqual({
      kind: 'subscriber',
      subId: 'sub-9',
    });
  });

  it('recognises hello and health', () => {
    expect(routeGatewayMessage(message('gateway.hello', { gateway_id: 'g', version: '1' }))).toEqual({ kind: 'hello' });
    const health = message('gateway.health', {
      gateway_id: 'g',
      cpu: 1,
      mem: { used: 1, total: 2 },
      disk: { used: 1, total: 2 },
      uptime: 3,
      last_activity_at: null,
    });
    expect(routeGatewayMessage(health)).toEqual({ kind: 'health' });
  });

  it.each([
    message('session.input', { session_id: 1, data: 'x' }),
    message('gateway.offline', { gateway_id: 'g', since: '2026-01-01T00:00:00Z' }),
    message('ssh.list', {}),
  ])('refuses messages the gateway may not send ($type)', (msg) => {
    expect(routeGatewayMessage(msg)).toMatchObject({ kind: 'reject', code: 'protocol.not_allowed' });
  });

  it("keeps update statuses and errors about the hub's gateway.update for the hub's update record", () => {
    expect(routeGatewayMessage(message('gateway.update.status', { version: '0.2.0', stage: 'verifying' }))).toEqual({
      kind: 'update',
    });
    expect(routeGatewayMessage(message('error', { code: 'update.busy', message: 'busy', ref: 'upd-1' }))).toEqual({
      kind: 'update',
    });
    expect(routeGatewayMessage(message('error', { code: 'x.y', message: 'm', ref: 'rpc-1' }))).toEqual({
      kind: 'reply',
    });
  });
});
