/**
 * The gateway's own workdir check, behind the schema's: `tmux new-session -c` expands `#(command)`, so a workdir
 * with anything but [A-Za-z0-9._-] in a segment is refused before tmux (or mkdir) sees it. The manager is driven
 * directly here, with a real tmux server, because a frame with such a workdir never passes the schema.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

describe('SessionManager.create workdir', () => {
  let dir: string;
  let root: string;
  let tmux: Tmux;
  let manager: SessionManager;
  const events: GatewayEvent[] = [];
  const newSessions: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'manager-workdir-'));
    root = join(dir, 'workspace');
    const conf = join(dir, 'tmux.conf');
    writeFileSync(conf, '');
    tmux = new Tmux(`vibe-test-${process.pid}-${Date.now()}`, conf, shellEnvironment(dir));
    const newSession = tmux.newSession.bind(tmux);
    tmux.newSession = (opts) => {
      newSessions.push(opts.workdir);
      return newSession(opts);
    };
    manager = new SessionManager({
      tmux,
      log: silentLogger,
      workspaceRoot: root,
      agentsDir: dir,
      agentLogDir: dir,
      localZone: 'UTC',
      onActivity() {},
    });
    const link: HubLink = { send: (event) => events.push(event), sendFrame() {}, congested: () => false };
    manager.linkUp(link);
  });

  afterAll(async () => {
    manager?.shutdown();
    await tmux?.run(['kill-server']);
    rmSync(dir, { recursive: true, force: true });
  });

  const create = async (sessionNumber: number, workdir: string) => {
    const cmd: MessageByType['session.create'] = message('session.create', {
      session_id: sessionNumber,
      tmux_name: `wd${sessionNumber}`,
      agent_type: 'shell',
      workdir,
    });
    await manager.create(cmd);
    return events.find((e) => 'session_id' in e && e.session_id === sessionNumber);
  };

  it('refuses a workdir whose #() tmux would run, before mkdir or tmux, and no command runs', async () => {
    const marker = join(dir, 'ran');
    const reply = await create(1, join(root, `a#(touch ${marker})`));
    expect(reply).toMatchObject({ type: 'session.error', error: { code: 'session.workdir_invalid' } });
    expect(newSessions).toEqual([]);
    expect(existsSync(root) ? readdirSync(root) : []).toEqual([]);
    // tmux never saw it (above); the marker is a second look, after a create that does reach tmux.
    expect(await create(2, join(root, 'clean-2'))).toMatchObject({ type: 'session.started' });
    expect(newSessions).toEqual([join(root, 'clean-2')]);
    expect(existsSync(marker)).toBe(false);
  });

  it.each([
    [11, '$(id)'],
    [12, 'a b'],
    [13, 'a;b'],
    [14, '#{pane_id}'],
  ])('refuses session %i with a segment %j: session.workdir_invalid', async (sessionNumber, name) => {
    const reply = await create(sessionNumber, join(root, name));
    expect(reply).toMatchObject({ type: 'session.error', error: { code: 'session.workdir_invalid' } });
    expect(newSessions).not.toContain(join(root, name));
  });
});
