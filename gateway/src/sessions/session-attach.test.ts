/**
 * A viewer's snapshot is one tmux command (screen, size and cursor read together), and the cursor it carries belongs
 * to the screen it came with; the redraw after it is one more, the client's name looked up once. A real tmux server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayEvent, MessageByType } from '@vibecode/schemas';
import { message } from '@vibecode/schemas';
import { silentLogger } from '@vibecode/schemas/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellEnvironment } from '../../test/shell-environment.ts';
import type { HubLink } from '../link/hub-link.ts';
import { Tmux } from '../tmux/tmux.ts';
import { SessionManager } from './manager.ts';

type Snapshot = MessageByType['session.snapshot'];

describe('Session.attach', () => {
  let dir: string;
  let tmux: Tmux;
  let manager: SessionManager;
  const events: GatewayEvent[] = [];
  const tmuxCalls: string[][] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'session-attach-'));
    const conf = join(dir, 'tmux.conf');
    writeFileSync(conf, '');
    tmux = new Tmux(`vibe-test-${process.pid}-${Date.now()}`, conf, shellEnvironment(dir));
    // Reads go through `query` (the control client's pipe, or a process when it cannot answer).
    const query = tmux.query.bind(tmux);
    tmux.query = (args) => {
      tmuxCalls.push(args);
      return query(args);
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
    tmux?.close();
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
    // The attention watch may read the screen meanwhile (capture-pane without escapes): not the attach's.
    const captures = tmuxCalls.slice(before).filter((args) => args.includes('capture-pane') && args.includes('-e'));
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

  it('redraws the client after each snapshot with one tmux process, its name looked up only the first time', async () => {
    const before = tmuxCalls.length;
    await session().attach(undefined, 'second');
    expect(snapshotOf('second')).toBeDefined();
    // The attention watch may read the screen meanwhile (capture-pane without escapes): not the attach's.
    const calls = tmuxCalls.slice(before);
    expect(calls.filter((args) => args.includes('capture-pane') && args.includes('-e'))).toHaveLength(1);
    expect(calls.filter((args) => args[0] === 'list-clients')).toHaveLength(0);
    expect(calls.filter((args) => args[0] === 'refresh-client')).toHaveLength(1);
  });
});
