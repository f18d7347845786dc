import type { Session, Vps } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api/api-error.ts';
import { findSession, listFailure, serversOf } from './servers.ts';

const session = (id: string, vpsId: string): Session => ({
  id,
  vps_id: vpsId,
  number: 1,
  title: id,
  agent_type: 'shell',
  tmux_name: `vibe-1-${id}`,
  workdir: `/home/vibe/workspace/${id}`,
  status: 'running',
  created_at: '2026-11-24T10:00:00.000Z',
  last_activity_at: null,
  ended_at: null,
  inactive: false,
  exit: null,
});

// The picker reads only ids from a server; the rest of the row is the API's business.
const vps = (id: string) => ({ id, name: id, status: 'ready' }) as Vps;

describe('serversOf', () => {
  it("lists each server's sessions", async () => {
    const servers = await serversOf({
      listVps: async () => [vps('a'), vps('b')],
      listSessions: async (id) => [session(`${id}1`, id)],
    });
    expect(servers.map((s) => [s.vps.id, s.sessions?.map((x) => x.id), s.error])).toEqual([
      ['a', ['a1'], null],
      ['b', ['b1'], null],
    ]);
  });

  it("keeps the other servers when one server's list fails, saying why", async () => {
    const servers = await serversOf({
      listVps: async () => [vps('a'), vps('b')],
      listSessions: async (id) => {
        if (id === 'a') throw new ApiError(503, 'gateway.offline', 'offline');
        return [session('b1', 'b')];
      },
    });
    expect(servers[0]).toMatchObject({ sessions: null });
    expect(servers[0]?.error).toContain('gateway is not connected');
    expect(servers[1]?.sessions?.map((s) => s.id)).toEqual(['b1']);
  });

  it('fails as a whole on a 401: the session ended for every server', async () => {
    const reading = serversOf({
      listVps: async () => [vps('a')],
      listSessions: async () => {
        throw new ApiError(401, 'auth.required', 'signed out');
      },
    });
    await expect(reading).rejects.toMatchObject({ status: 401 });
  });
});

describe('listFailure', () => {
  it('asks to reopen the Mini App on a 401, never to sign in', () => {
    expect(listFailure(new ApiError(401, 'auth.required', 'signed out')).kind).toBe('session_ended');
  });

  it('says VibeCode could not be reached on a network failure', () => {
    expect(listFailure(new ApiError(0, 'network.unreachable', 'x')).kind).toBe('unreachable');
  });

  it('shows anything else in words', () => {
    const failure = listFailure(new ApiError(404, 'vps.not_found', 'gone'));
    expect(failure.kind).toBe('failed');
    expect(failure.message).toContain('no longer exists');
    expect(listFailure(new Error('boom')).message).toBe('Something went wrong. Please try again.');
  });
});

describe('findSession', () => {
  const servers = [
    { vps: vps('a'), sessions: [session('a1', 'a')], error: null },
    { vps: vps('b'), sessions: null, error: 'offline' },
    { vps: vps('c'), sessions: [session('c1', 'c'), session('c2', 'c')], error: null },
  ];

  it('finds a session on any server', () => {
    expect(findSession(servers, 'c2')?.vps_id).toBe('c');
  });

  it('is null for an id no list holds', () => {
    expect(findSession(servers, 'zz')).toBeNull();
    expect(findSession([], 'a1')).toBeNull();
  });
});
