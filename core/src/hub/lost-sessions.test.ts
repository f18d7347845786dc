import { describe, expect, it } from 'vitest';
import { diffSessions, type LiveSession } from './lost-sessions.ts';

const running = (number: number): LiveSession => ({ number, status: 'running' });
const starting = (number: number): LiveSession => ({ number, status: 'starting' });

describe('diffSessions', () => {
  it('finds nothing when the gateway runs exactly the live sessions', () => {
    expect(diffSessions([running(1), running(2)], [2, 1])).toEqual({ lost: [], unknown: [] });
  });

  it('loses every running session the gateway does not list, in ascending order', () => {
    expect(diffSessions([running(5), running(2), running(3)], [3])).toEqual({ lost: [2, 5], unknown: [] });
  });

  it('loses them all when the gateway lists none (its tmux server is gone)', () => {
    expect(diffSessions([running(1), running(4)], [])).toEqual({ lost: [1, 4], unknown: [] });
  });

  it('leaves a starting session alone whether or not the gateway lists it', () => {
    expect(diffSessions([starting(3)], [])).toEqual({ lost: [], unknown: [] });
    expect(diffSessions([starting(3)], [3])).toEqual({ lost: [], unknown: [] });
  });

  it('reports listed sessions D1 does not hold as live as unknown, never as lost', () => {
    expect(diffSessions([running(1)], [9, 1, 7])).toEqual({ lost: [], unknown: [7, 9] });
    expect(diffSessions([], [2])).toEqual({ lost: [], unknown: [2] });
  });

  it('handles both at once', () => {
    expect(diffSessions([running(1), running(2), starting(3)], [2, 3, 8])).toEqual({ lost: [1], unknown: [8] });
  });

  it('finds nothing with nothing on either side', () => {
    expect(diffSessions([], [])).toEqual({ lost: [], unknown: [] });
  });

  it('loses an exited session the gateway no longer holds (its tmux server went with its screen)', () => {
    expect(diffSessions([{ number: 2, status: 'exited' }], [])).toEqual({ lost: [2], unknown: [] });
    expect(diffSessions([{ number: 2, status: 'exited' }], [2])).toEqual({ lost: [], unknown: [] });
    expect(diffSessions([{ number: 3, status: 'stopped' }], [])).toEqual({ lost: [3], unknown: [] });
  });
});
