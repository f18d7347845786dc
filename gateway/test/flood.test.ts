import { join } from 'node:path';
import { UNACKED_WINDOW_BYTES } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { gatewayRig } from './rig.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `count()` has not changed for `quietMs`; throws if it keeps changing past `timeoutMs`. */
async function quiet(count: () => number, quietMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = count();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error(`output still growing after ${timeoutMs} ms`);
    await sleep(50);
    const now = count();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

describe('flow control under a yes flood', () => {
  const rig = gatewayRig('gw_test');

  const outputBytes = (sessionNumber: number, since: number) =>
    rig.hub.frames(sessionNumber, since).reduce((n, f) => n + f.payload.byteLength, 0);

  it('after yes floods for 10 s, Ctrl-C brings the prompt back and the screen is right', async () => {
    const since = rig.hub.mark();
    rig.hub.send('session.create', {
      session_id: 1,
      tmux_name: 'flood',
      agent_type: 'shell',
      workdir: join(rig.sandbox.workspace, 'f'),
    });
    await rig.hub.event('session.started', { since });
    rig.hub.send('session.attach', { session_id: 1 });
    await rig.hub.event('session.snapshot', { since });
    rig.hub.send('session.input', { session_id: 1, data: 'yes\r' });
    await sleep(10_000);
    expect(outputBytes(1, since)).toBeGreaterThan(100_000);
    const ctrlC = rig.hub.mark();
    rig.hub.send('session.input', { session_id: 1, data: '\x03' });
    rig.hub.send('session.input', { session_id: 1, data: 'echo flood-over-$((40+2))\r' });
    await rig.hub.waitFor(() => rig.hub.output(1, ctrlC).includes('flood-over-42'), {
      since: ctrlC,
      timeoutMs: 10_000,
    });
    // The screen a fresh viewer gets is the prompt after the flood, not a screen full of "y": once the shell has
    // drawn that prompt (PS1 ends in `$ ` or `# `), which a fixed pause on a busy machine may not wait for.
    await rig.hub.waitFor(() => /flood-over-42[\s\S]*[$#] /.test(rig.hub.output(1, ctrlC)), {
      since: ctrlC,
      timeoutMs: 10_000,
      what: 'the prompt after flood-over-42',
    });
    const check = rig.hub.mark();
    rig.hub.send('session.attach', { session_id: 1, ref: 'after' });
    const snap = await rig.hub.event('session.snapshot', { since: check });
    const rows = snap.text.split('\r\n').slice(-snap.rows);
    const shown = rows.join('\n');
    expect(shown).toContain('flood-over-42');
    expect(rows[snap.cursor.y]).toMatch(/[$#] $/);
    const seqs = rig.hub.frames(1, since).map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + i));
  });

  // A loaded machine slows tmux's rendering of `seq` ten times over (2.6 s alone, 30 s once in a full CI run): the
  // test waits for states, so it gets the time a starved run needs.
  it('stops reading past the unacked window and resumes when acks come', { timeout: 120_000 }, async () => {
    rig.hub.autoAck = false;
    const since = rig.hub.mark();
    // seq gets through tmux far faster than yes (which tmux redraws a screen at a time).
    rig.hub.send('session.input', { session_id: 1, data: 'seq 1 1000000000\r' });
    // Wait for the window to fill rather than for a fixed 4 s, which a starved machine can spend below it (the
    // "stays there" check then saw output still coming). The margin covers bytes of the previous test that were
    // still unacked when acks stopped, which count towards the window too.
    await rig.hub.waitFor(() => outputBytes(1, since) > UNACKED_WINDOW_BYTES - 64 * 1024, {
      since,
      timeoutMs: 90_000,
      what: 'a full unacked window',
    });
    // Then for the frames already read to arrive: nothing new for half a second.
    await quiet(() => outputBytes(1, since), 500, 10_000);
    const sent = outputBytes(1, since);
    // Bounded: the window plus at most a batch and a PTY read that crossed the mark; and it stays there.
    expect(sent).toBeLessThanOrEqual(UNACKED_WINDOW_BYTES + 256 * 1024);
    await sleep(500);
    expect(outputBytes(1, since)).toBe(sent);
    rig.hub.send('session.input', { session_id: 1, data: '\x03' });
    rig.hub.autoAck = true;
    const resumed = rig.hub.mark();
    rig.hub.send('session.input', { session_id: 1, data: 'echo acked-$((1+1))\r' });
    await rig.hub.waitFor(() => rig.hub.output(1, resumed).includes('acked-2'), { since: resumed, timeoutMs: 10_000 });
  });
});
