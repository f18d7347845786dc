import { describe, expect, it } from 'vitest';
import { ratioToBestPeer } from './ratio.ts';
import { na, type Row, value } from './results.ts';

const row = (better: Row['better'], cells: Row['cells']): Row => ({ id: 'r', label: 'r', unit: 'ms', better, cells });

describe('ratioToBestPeer', () => {
  it('picks the lowest peer on a lower-is-better row and says how many times better VibeCode is', () => {
    const r = ratioToBestPeer(row('lower', { vibecode: value(0.5), vibetunnel: value(1.5), wetty: value(2.5) }));
    expect(r).toEqual({ peer: 'vibetunnel', ratio: 0.5 / 1.5, factor: 3, verdict: 'better' });
  });

  it('picks the highest peer on a higher-is-better row', () => {
    const r = ratioToBestPeer(row('higher', { vibecode: value(20), vibetunnel: value(5), wetty: value(40) }));
    expect(r).toMatchObject({ peer: 'wetty', ratio: 0.5, factor: 2, verdict: 'worse' });
  });

  it('never compares against the floors', () => {
    const r = ratioToBestPeer(
      row('lower', { vibecode: value(2), wetty: value(4), tmux: value(0.1), pty: value(0.05) }),
    );
    expect(r?.peer).toBe('wetty');
  });

  it('skips peers that are n/a, and gives nothing when no peer or VibeCode has a value', () => {
    expect(ratioToBestPeer(row('lower', { vibecode: value(2), vibetunnel: na('x'), wetty: value(4) }))?.peer).toBe(
      'wetty',
    );
    expect(ratioToBestPeer(row('lower', { vibecode: value(2), vibetunnel: na('x'), wetty: na('y') }))).toBeNull();
    expect(ratioToBestPeer(row('lower', { vibecode: na('down'), wetty: value(4) }))).toBeNull();
  });

  it('calls values within 2% equal', () => {
    expect(ratioToBestPeer(row('lower', { vibecode: value(1.01), wetty: value(1) }))?.verdict).toBe('equal');
    expect(ratioToBestPeer(row('lower', { vibecode: value(1.05), wetty: value(1) }))?.verdict).toBe('worse');
  });
});
