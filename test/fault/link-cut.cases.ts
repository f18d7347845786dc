/**
 * Fault: the gateway's link to the control plane is cut while output flows. While the viewer's gap fits the
 * gateway's ring, the resumed stream has every frame, by seq, once; a viewer that was away for more than the ring
 * holds gets an explicit gap snapshot (routed to it alone) and the live stream after it.
 */
import { expect, it } from 'vitest';
import { startLinkProxy } from './link-proxy.ts';
import { numbered } from './numbered.ts';
import type { FaultSuite } from './suite.ts';
import { gapless } from './viewer.ts';

/** The gateway's ring (gateway/README.md "Output"): a viewer further behind than this cannot be replayed. */
const RING_BYTES = 1.25 * 1024 * 1024;

export function linkCutCases(suite: FaultSuite): void {
  it('resumes with every frame when the gap fits the ring: no seq missing, none twice', async () => {
    const session = await suite.stack.createShell('link-cut');
    const viewer = suite.viewer(session);
    await viewer.until('the first snapshot', () => viewer.received('session.snapshot').length === 1);
    // Paced, so tmux passes every line through rather than redrawing the screen once.
    viewer.type('for i in $(seq 1 150); do echo tick-$i; sleep 0.01; done; echo done-$((6*7))\r');
    await viewer.until('output flowing', () => numbered(viewer.screen, 'tick').length >= 40);
    const cutAt = viewer.wire.length;
    suite.stack.gatewayLink.cut();
    await viewer.until('the gateway back online', () => viewer.received('gateway.online').length === 1);
    await viewer.until('the loop finished', () => viewer.screen.includes('done-42'), 60_000);

    expect(viewer.received('gateway.offline').length).toBeGreaterThanOrEqual(1);
    expect(viewer.wire.length).toBeGreaterThan(cutAt);
    const [snapshot] = viewer.received('session.snapshot');
    expect(viewer.wire[0]?.seq).toBe((snapshot?.seq ?? 0) + 1);
    expect(gapless(viewer.wire)).toBe(true);
    expect(viewer.link.stats.duplicates).toBe(0);
    expect(numbered(viewer.screen, 'tick')).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    // Resumed by replay: no second snapshot, and the terminal was never reset.
    expect(viewer.received('session.snapshot')).toHaveLength(1);
    expect(viewer.resets).toBe(1);
  });

  it('gives a viewer that was away for more than the ring a gap snapshot, and only that viewer', async () => {
    const session = await suite.stack.createShell('gap');
    const viewerLink = await startLinkProxy(Number(new URL(suite.stack.system.origin).port));
    suite.defer(() => viewerLink.close());
    const present = suite.viewer(session);
    const away = suite.viewer(session, { origin: viewerLink.url });
    await away.until('the away viewer attached', () => away.received('session.snapshot').length === 1);
    await present.until('the present viewer attached', () => present.received('session.snapshot').length === 1);
    present.type('clear\r');
    await away.until('the away viewer following', () => away.wire.length > 0);
    const awaySeq = away.link.receivedSeq;
    viewerLink.hold();
    await away.until('the away viewer offline', () => away.state?.status === 'reconnecting');

    const since = present.wireBytes;
    // In a 1000x500 window tmux lets its reader fall 4 MB behind before it drops output and redraws instead (at
    // 80x24 it is 15 KB), so the whole flood reaches the gateway; the size goes back before the snapshot.
    present.link.resize(1000, 500);
    present.type(
      's=$(head -c 150 /dev/urandom | base64 -w0); for i in $(seq 1 12000); do echo "$s"; done; echo flood-$((6*7))\r',
    );
    await present.until('the flood read', () => present.screen.includes('flood-42'), 60_000);
    present.link.resize(80, 24);
    // The gateway link is cut too, while the away viewer is still away: the two gaps add up.
    const online = present.received('gateway.online').length;
    suite.stack.gatewayLink.cut();
    await present.until('the gateway back', () => present.received('gateway.online').length > online);
    expect(present.wireBytes - since).toBeGreaterThan(RING_BYTES);

    viewerLink.release();
    await away.until('the gap snapshot', () => away.received('session.snapshot').length === 2, 30_000);
    const gap = away.received('session.snapshot')[1];
    expect(gap).toMatchObject({ session_id: session.number, reason: 'gap' });
    expect(gap?.seq).toBeGreaterThan(awaySeq);
    // The snapshot is the screen as it is now: it replaced the terminal (a reset) and shows the flood's end.
    expect(away.resets).toBe(2);
    expect(away.screen).toContain('flood-42');
    away.type('echo back-$((2+3))\r');
    await away.until('live output after the snapshot', () => away.screen.includes('back-5'));
    await present.until('the present viewer sees it too', () => present.screen.includes('back-5'));
    // Frames relayed before the snapshot reflect no more than it does (one ordered stream from the gateway).
    const live = away.wire.filter((f) => f.seq > (gap?.seq ?? 0));
    expect(live[0]?.seq).toBe((gap?.seq ?? 0) + 1);
    expect(gapless(live)).toBe(true);
    // The snapshot went to the viewer that asked for it; the other one's terminal was never reset again.
    expect(present.received('session.snapshot')).toHaveLength(1);
    expect(present.resets).toBe(1);
  });
}
