import { describe, expect, it } from 'vitest';
import { backlogOf, ViewerBacklog } from './viewer-backlog.ts';

const KiB = 1024;

describe('ViewerBacklog', () => {
  it('admits output while the unacked bytes stay within the bound, and refuses the frame that would pass it', () => {
    const backlog = new ViewerBacklog(100 * KiB);
    for (let seq = 1; seq <= 10; seq++) expect(backlog.admit(seq, 10 * KiB)).toBe(true);
    expect(backlog.behind).toBe(100 * KiB);
    expect(backlog.admit(11, 1)).toBe(false);
  });

  it('stays refused once over the bound, even after an ack: the viewer is being closed', () => {
    const backlog = new ViewerBacklog(10 * KiB);
    expect(backlog.admit(1, 11 * KiB)).toBe(false);
    backlog.ack(1);
    expect(backlog.admit(2, 1)).toBe(false);
  });

  it('is caught up by an ack of the last frame sent', () => {
    const backlog = new ViewerBacklog(1024 * KiB);
    for (let seq = 1; seq <= 100; seq++) backlog.admit(seq, 7 * KiB);
    backlog.ack(100);
    expect(backlog.behind).toBe(0);
    // An ack from before a reconnect that arrives late changes nothing.
    backlog.ack(50);
    expect(backlog.behind).toBe(0);
  });

  it('settles an older ack at its checkpoint, overstating by less than one checkpoint (64 KiB)', () => {
    const backlog = new ViewerBacklog(1024 * KiB);
    for (let seq = 1; seq <= 100; seq++) backlog.admit(seq, 10 * KiB);
    backlog.ack(60);
    const exact = 40 * 10 * KiB;
    expect(backlog.behind).toBeGreaterThanOrEqual(exact);
    expect(backlog.behind).toBeLessThan(exact + 64 * KiB);
  });

  it('counts a viewer that never acks as further and further behind until it is refused', () => {
    const backlog = new ViewerBacklog(4096 * KiB);
    let seq = 0;
    while (backlog.admit(++seq, 64 * KiB));
    expect(seq).toBe(65);
    expect(backlog.behind).toBe(4096 * KiB);
  });

  it('keeps following a viewer that acks as it reads, however much flows', () => {
    const backlog = new ViewerBacklog(256 * KiB);
    for (let seq = 1; seq <= 2_000; seq++) {
      expect(backlog.admit(seq, 32 * KiB)).toBe(true);
      // Acks trail the stream by a few frames, as they do on a real link.
      if (seq > 4) backlog.ack(seq - 4);
    }
    expect(backlog.behind).toBeLessThan(256 * KiB);
  });
});

describe('backlogOf', () => {
  it('keeps one backlog per socket', () => {
    const a = {};
    const b = {};
    backlogOf(a, 10).admit(1, 5);
    expect(backlogOf(a, 10).behind).toBe(5);
    expect(backlogOf(b, 10).behind).toBe(0);
  });
});
