/**
 * session.capture → session.screen: the visible pane as plain text for a viewer without a terminal (a chat topic),
 * with no side effects — an unattached session stays unattached, an attached one gets no redraw and keeps
 * streaming — and a seq that an attach can resume from without a snapshot. Real tmux and the real bin.
 */
import { join } from 'node:path';
import type { MessageByType } from '@vibecode/schemas';
import { validateMessage } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { gatewayRig } from './rig.ts';

const rig = gatewayRig('gw_screen');
let refs = 0;

async function createShell(id: number): Promise<void> {
  const { hub, sandbox } = rig;
  const since = hub.mark();
  hub.send('session.create', {
    session_id: id,
    tmux_name: `c${id}`,
    agent_type: 'shell',
    workdir: join(sandbox.workspace, `c${id}`),
  });
  await hub.event('session.started', { since, match: (m) => m.session_id === id });
}

async function capture(id: number): Promise<MessageByType['session.screen']> {
  const { hub } = rig;
  const since = hub.mark();
  const ref = `cap-${++refs}`;
  hub.send('session.capture', { session_id: id, ref });
  const screen = await hub.event('session.screen', { since, match: (m) => m.ref === ref });
  expect(validateMessage(screen).ok).toBe(true);
  return screen;
}

/** Captures until the screen matches `text` (an unattached session sends no frames to wait on). */
async function screenShowing(id: number, text: RegExp): Promise<MessageByType['session.screen']> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const screen = await capture(id);
    if (text.test(screen.text)) return screen;
    if (Date.now() > deadline) throw new Error(`screen never showed ${text}; last: ${JSON.stringify(screen.text)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the session has sent no frame for `quietMs`. */
async function quiet(id: number, quietMs = 300): Promise<void> {
  let count = -1;
  while (count !== rig.hub.frames(id).length) {
    count = rig.hub.frames(id).length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

const isText = (type: string) => (r: (typeof rig.hub.records)[number]) => r.kind === 'text' && r.msg.type === type;

describe('session.capture', () => {
  it('answers with the visible rows only, plain, trimmed, with the pane size; an unattached session stays so', async () => {
    const { hub } = rig;
    await createShell(1);
    const since = hub.mark();
    hub.send('session.input', {
      session_id: 1,
      data: "clear; seq 1 40; printf '\\e[31mred\\e[0m   \\n'; printf 'x%.0s' $(seq 1 100); echo; echo done-$((6*7))\r",
    });
    // The prompt under `done-42` is drawn after it: a capture between the two would end at `done-42`.
    const screen = await screenShowing(1, /^done-42\n.*workspace\/c1/m);
    expect(screen).toMatchObject({ session_id: 1, cols: 80, rows: 24 });
    const rows = screen.text.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    // History is left out: the first numbers scrolled off the 24 rows.
    expect(rows).not.toContain('1');
    expect(rows).toContain('40');
    // No colours, no trailing spaces; a line longer than the pane stays two rows, as on the screen.
    expect(screen.text).not.toContain('\x1b');
    expect(rows).toContain('red');
    expect(rows.every((row) => !row.endsWith(' '))).toBe(true);
    expect(rows).toContain('x'.repeat(80));
    expect(rows).toContain('x'.repeat(20));
    // The screen ends at the prompt under the last output: the empty rows below it are dropped.
    expect(rows.indexOf('done-42')).toBe(rows.length - 2);
    expect(rows.at(-1)).toContain('workspace/c1');
    // Capturing attached nothing: no frame and no snapshot for this session.
    expect(hub.frames(1, since)).toEqual([]);
    expect(hub.records.slice(since).some(isText('session.snapshot'))).toBe(false);
  });

  it('gives a seq an attach resumes from: replay after it, no snapshot, then live frames', async () => {
    const { hub } = rig;
    const screen = await capture(1);
    expect(screen.seq).toBeGreaterThan(0);
    const since = hub.mark();
    hub.send('session.attach', { session_id: 1, last_seq: screen.seq, ref: 'from-screen' });
    hub.send('session.input', { session_id: 1, data: 'echo after-$((1+2))\r' });
    await hub.outputContains(1, 'after-3', since);
    const seqs = hub.frames(1, since).map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => screen.seq + 1 + i));
    expect(hub.records.slice(since).some(isText('session.snapshot'))).toBe(false);
    expect(hub.records.slice(since).some(isText('session.error'))).toBe(false);
  });

  it('sends an attached session no redraw and leaves its output flowing', async () => {
    const { hub } = rig;
    await quiet(1);
    const before = Math.max(...hub.frames(1).map((f) => f.seq));
    const since = hub.mark();
    const screens = [await capture(1), await capture(1), await capture(1)];
    await new Promise((r) => setTimeout(r, 300));
    // tmux may still toggle the cursor on its own (a few escape bytes); a redraw would repaint the screen's text.
    const during = Buffer.concat(hub.frames(1, since).map((f) => f.payload)).toString('utf8');
    expect(during).not.toContain('after-3');
    for (const screen of screens) {
      expect(screen.seq).toBeGreaterThanOrEqual(before);
      expect(screen.text).toContain('after-3');
    }
    hub.send('session.input', { session_id: 1, data: 'echo still-$((2*2))\r' });
    await hub.outputContains(1, 'still-4', since);
    expect((await capture(1)).text).toContain('still-4');
  });

  it('follows the pane size', async () => {
    const { hub } = rig;
    hub.send('session.resize', { session_id: 1, cols: 100, rows: 30 });
    const deadline = Date.now() + 5_000;
    let screen = await capture(1);
    while ((screen.cols !== 100 || screen.rows !== 30) && Date.now() < deadline) screen = await capture(1);
    expect([screen.cols, screen.rows]).toEqual([100, 30]);
  });

  it("serves an exited session's screen", async () => {
    const { hub } = rig;
    await createShell(2);
    const since = hub.mark();
    hub.send('session.input', { session_id: 2, data: 'echo "bye-$((3*3))"; exit 3\r' });
    await hub.event('session.exited', { since, match: (m) => m.session_id === 2 });
    expect((await capture(2)).text).toContain('bye-9');
  });

  it('answers an unknown session with session.error carrying the ref', async () => {
    const { hub } = rig;
    const since = hub.mark();
    hub.send('session.capture', { session_id: 99, ref: 'nobody' });
    expect(await hub.event('session.error', { since })).toMatchObject({
      session_id: 99,
      ref: 'nobody',
      error: { code: 'session.not_found' },
    });
  });
});
