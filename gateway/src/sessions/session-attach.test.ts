/**
 * Viewers attaching one after another (a burst of fresh tabs): each snapshot is one tmux invocation whose cursor
 * belongs to the screen it came with, and the redraw that follows a snapshot runs beside the next attach instead of
 * in front of it, at most one running and one more after it. A real tmux server; the redraws are held by the test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayEvent, MessageByType } from '@vibecode/schemas';
import { message } from '@vibecode/schemas';
import { silentLogger } from '@vibecode/schemas/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubLink } from '../link/hub-link.ts';
import { cleanEnvironment, Tmux } from '../tmux/tmux.ts';
import { SessionManager } from './manager.ts';

type Snapshot = MessageByType['session.snapshot'];

describe('Session.attach', () => {
  let dir: string;
  let tmux: Tmux;
  let manager: SessionManager;
  const events: GatewayEvent[] = [];
  /** What happened, in order: a snapshot sent (its ref), a redraw started, a redraw let go. */
  const trail: string[] = [];
  const heldRedraws: (() => void)[] = [];
  let holdRedraws = false;
  const tmuxCalls: string[][] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'session-attach-'));
    const conf = join(dir, 'tmux.conf');
    writeFileSync(conf, '');
    tmux = new Tmux(`vibe-test-${process.pid}-${Date.now()}`, conf, cleanEnvironment(process.env));
    const run = tmux.run.bind(tmux);
    tmux.run = (args) => {
      tmuxCalls.push(args);
      return run(args);
    };
    const refresh = tmux.refreshClient.bind(tmux);
    tmux.refreshClient = async (pid) => {
      trail.push('redraw');
      if (holdRedraws) await new Promise<void>((resolve) => heldRedraws.push(resolve));
      trail.push('redraw let go');
      return refresh(pid);
    };
    manager = new SessionManager({
      tmux,
      log: silentLogger,
      workspaceRoot: join(dir, 'workspace'),
      agentsDir: dir,
      agentLogDir: dir,
      localZone: 'UTC',
      onActivity() {},
    });
    const link: HubLink = {
      send: (event) => {
        events.push(event);
        if (event.type === 'session.snapshot') trail.push(`snapshot ${event.ref}`);
      },
      sendFrame() {},
      congested: () => false,
    };
    manager.linkUp(link);
    await manager.create(
      message('session.create', {
        session_id: 1,
        tmux_name: 'attach1',
        agent_type: 'shell',
        workdir: join(dir, 'workspace', 'one'),
      }),
    );
  });

  afterAll(async () => {
    manager?.shutdown();
    await tmux?.run(['kill-server']);
    rmSync(dir, { recursive: true, force: true });
  });

  const session = () => {
    const found = manager.get(1);
    if (!found) throw new Error('session 1 is not running');
    return found;
  };
  const snapshotOf = (ref: string) => events.find((e): e is Snapshot => e.type === 'session.snapshot' && e.ref === ref);

  it('captures the screen, its size and its cursor with one tmux invocation', async () => {
    await tmux.run(['send-keys', '-t', '=attach1:', 'clear; printf "one\\ntwo\\nab"; sleep 30', 'Enter']);
    await expect
      .poll(async () => (await tmux.captureScreen('attach1')).text, { timeout: 10_000 })
      .toMatch(/^two\r?\nab/m);
    const before = tmuxCalls.length;
    await session().attach(undefined, 'fresh');
    const captures = tmuxCalls.slice(before).filter((args) => args.includes('capture-pane'));
    expect(captures).toHaveLength(1);
    expect(captures[0]).toContain('display-message');
    const snapshot = snapshotOf('fresh');
    if (!snapshot) throw new Error('no snapshot');
    expect(snapshot).toMatchObject({ reason: 'fresh', cols: 80 });
    // The cursor sits right after "ab", on the screen row that shows it (the text ends with the screen's last row).
    const lines = snapshot.text.split('\r\n');
    expect(lines.at(snapshot.cursor.y - snapshot.rows)).toMatch(/^ab\s*$/);
    expect(snapshot.cursor.x).toBe(2);
  });

  it('answers the next attaches while the redraw runs, and redraws once more after them', async () => {
    await expect.poll(() => trail.filter((t) => t === 'redraw let go').length, { timeout: 5_000 }).toBe(1);
    trail.length = 0;
    holdRedraws = true;
    await session().attach(undefined, 'a');
    // Its redraw is held; the next attaches are answered all the same.
    await session().attach(undefined, 'b');
    await session().attach(undefined, 'c');
    expect(snapshotOf('b')).toBeDefined();
    expect(snapshotOf('c')).toBeDefined();
    expect(trail).toEqual(['snapshot a', 'redraw', 'snapshot b', 'snapshot c']);
    holdRedraws = false;
    heldRedraws.shift()?.();
    // One more redraw for b and c, started after their snapshots; none for each of them.
    await expect.poll(() => trail.filter((t) => t === 'redraw let go').length, { timeout: 5_000 }).toBe(2);
    expect(trail).toEqual([
      'snapshot a',
      'redraw',
      'snapshot b',
      'snapshot c',
      'redraw let go',
      'redraw',
      'redraw let go',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(trail.filter((t) => t === 'redraw')).toHaveLength(2);
  });
});
