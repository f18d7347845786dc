/**
 * Fault: a viewer that never reads (slowloris). workerd keeps a Durable Object's sends in memory until the peer
 * takes them and tells the object nothing about it, so the hub counts what each viewer has not acked and closes one
 * that falls too far behind (core/src/hub/viewer-backlog.ts). What the hub holds for the stalled viewer is measured
 * exactly: everything it queued is what the viewer reads once it drains its socket. (workerd's RSS is no measure:
 * 48 MiB of frames passing through the object grow it by tens of MiB of garbage until V8 collects it.) The output
 * comes from a firehose gateway on a VPS of its own: through tmux a flood reaches viewers at a few hundred KiB/s
 * (tmux drops what a slow reader misses and redraws); this way the hub relays tens of MiB in seconds.
 */
import { expect, it } from 'vitest';
import { seedVps } from '../e2e/gateway.ts';
import { startFirehoseGateway } from './firehose-gateway.ts';
import { openStalledViewer } from './stalled-viewer.ts';
import type { FaultSuite } from './suite.ts';
import { gapless } from './viewer.ts';

const MiB = 1024 * 1024;
const FRAME_BYTES = 64 * 1024;
/** 48 MiB: far more than the kernel's socket buffers (~4 MiB here) and the hub's per-viewer bound. */
const FRAMES = 768;
/** The hub's bound on what a viewer may leave unacked (VIEWER_BACKLOG_MAX_BYTES in core/src/hub/limits.ts). */
const BACKLOG_MAX_BYTES = 8 * MiB;

export function slowViewerCases(suite: FaultSuite): void {
  it('cannot stall the other viewers, and the hub drops it before holding more than its bound', async () => {
    const { stack } = suite;
    const vpsId = `vps_firehose_${Date.now()}`;
    const gateway = await startFirehoseGateway(
      stack.system.origin,
      seedVps(stack.system, stack.userId, vpsId, 'firehose'),
    );
    suite.defer(() => gateway.close());
    await stack.ready(vpsId);
    const session = await stack.createShell('slowloris', vpsId);
    const reader = suite.viewer(session);
    await reader.until('the reader attached', () => reader.received('session.snapshot').length === 1);
    const stalled = await openStalledViewer(stack.browser, session);
    suite.defer(() => stalled.destroy());

    await gateway.stream(session.number, FRAMES, FRAME_BYTES);
    await reader.until('the reader has every frame', () => reader.link.receivedSeq >= FRAMES, 60_000);
    // The reader kept pace all along: it acked as it read, and every frame came once, in order.
    expect(reader.wire.map((f) => f.seq)).toHaveLength(FRAMES);
    expect(gapless(reader.wire)).toBe(true);

    // What the hub had queued for the stalled viewer: output up to its bound, then its close; none of the rest.
    const drained = await stalled.drain(3_000);
    expect(drained.closeCode).toBe(4004);
    expect(drained.outputBytes).toBeGreaterThan(0);
    expect(drained.outputBytes).toBeLessThanOrEqual(BACKLOG_MAX_BYTES);
  });
}
