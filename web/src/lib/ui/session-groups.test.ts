import type { Session } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { groupSessions } from './session-groups.ts';

const session = (id: string, patch: Partial<Session> = {}): Session => ({
  id,
  vps_id: 'v',
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
  ...patch,
});

describe('groupSessions', () => {
  it('splits live sessions into active and inactive and leaves ended ones out', () => {
    const groups = groupSessions([session('a'), session('b', { inactive: true }), session('c', { status: 'ended' })]);
    expect(groups.active.map((s) => s.id)).toEqual(['a']);
    expect(groups.inactive.map((s) => s.id)).toEqual(['b']);
    expect(groups.collapseInactive).toBe(false);
  });

  it('collapses the inactive section when it holds more than 10', () => {
    const ten = Array.from({ length: 10 }, (_, i) => session(`s${i}`, { inactive: true }));
    expect(groupSessions(ten).collapseInactive).toBe(false);
    expect(groupSessions([...ten, session('x', { inactive: true })]).collapseInactive).toBe(true);
  });
});
