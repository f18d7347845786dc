import { describe, expect, it } from 'vitest';
import { planSurfaces, type SurfaceEntry } from './surface-plan.ts';

const QUIET = 20_000;
const session = {
  userId: 'u',
  vpsId: 'v',
  vpsName: 'box',
  sessionId: 's',
  sessionNumber: 1,
  title: 'shell',
  agentType: 'shell' as const,
};
const binding = { channel: 'telegram', conversation: '{"chat_id":1,"thread_id":2}' };

function entry(over: Partial<SurfaceEntry>): SurfaceEntry {
  return {
    session,
    bindings: [binding],
    dirty: false,
    fresh: false,
    notBefore: 0,
    active: false,
    activeSince: 0,
    lastOutputAt: 0,
    attachedConn: 'c1',
    ...over,
  };
}

describe('planSurfaces', () => {
  it('renders a dirty session whose interval has passed, and waits for one whose has not', () => {
    const plan = planSurfaces(
      new Map([
        [1, entry({ dirty: true, notBefore: 1_000 })],
        [2, entry({ dirty: true, notBefore: 5_000 })],
      ]),
      2_000,
      QUIET,
    );
    expect(plan).toEqual({ render: [1], quiet: [], nextAt: 5_000 });
  });

  it('says quiet once output that ran a while has stopped for the quiet period, not before the final screen is out', () => {
    const quietNow = planSurfaces(new Map([[1, entry({ active: true, lastOutputAt: 20_000 })]]), 40_000, QUIET);
    expect(quietNow).toEqual({ render: [], quiet: [1], nextAt: null });
    const stillDirty = planSurfaces(
      new Map([[1, entry({ active: true, dirty: true, lastOutputAt: 20_000, notBefore: 50_000 })]]),
      40_000,
      QUIET,
    );
    expect(stillDirty).toEqual({ render: [], quiet: [], nextAt: 50_000 });
    const notYet = planSurfaces(new Map([[1, entry({ active: true, lastOutputAt: 30_000 })]]), 40_000, QUIET);
    expect(notYet).toEqual({ render: [], quiet: [], nextAt: 50_000 });
  });

  it('says nothing after output that ran only a moment: the echo of a command the user just typed', () => {
    const echo = entry({ active: true, activeSince: 10_000, lastOutputAt: 10_050 });
    expect(planSurfaces(new Map([[1, echo]]), 60_000, QUIET)).toEqual({ render: [], quiet: [], nextAt: null });
  });

  it('says nothing for a session whose gateway reports its states: their done says it, once', () => {
    const quietButReported = entry({ active: true, lastOutputAt: 20_000, reportsStates: true });
    expect(planSurfaces(new Map([[1, quietButReported]]), 40_000, QUIET)).toEqual({
      render: [],
      quiet: [],
      nextAt: null,
    });
  });

  it('has nothing to do for a session with no bindings or no news', () => {
    const plan = planSurfaces(
      new Map([
        [1, entry({ bindings: [], dirty: true, active: true })],
        [2, entry({})],
      ]),
      50_000,
      QUIET,
    );
    expect(plan).toEqual({ render: [], quiet: [], nextAt: null });
  });
});
