/**
 * A session whose program ends stays (remain-on-exit): the gateway reports session.exited with the status and
 * the last lines, drops input, serves its screen, and session.restart runs the program again in place. Deaths
 * are learnt from tmux's pane-died hook, also for panes that died while no gateway ran. Real tmux and the real bin.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayRig, rigEnv } from './rig.ts';
import { startGateway } from './sandbox.ts';

const rig = gatewayRig('gw_exit');

async function createShell(id: number): Promise<void> {
  const { hub, sandbox } = rig;
  const since = hub.mark();
  hub.send('session.create', {
    session_id: id,
    tmux_name: `x${id}`,
    agent_type: 'shell',
    workdir: join(sandbox.workspace, `x${id}`),
  });
  await hub.event('session.started', { since, match: (m) => m.session_id === id });
  hub.send('session.attach', { session_id: id, ref: `open-${id}` });
  await hub.event('session.snapshot', { since, match: (m) => m.session_id === id });
}

const paneHeight = (id: number) =>
  Number(rig.sandbox.tmux('display-message', '-p', '-t', `=x${id}:`, '#{pane_height}'));
const panePid = (id: number) => rig.sandbox.tmux('display-message', '-p', '-t', `=x${id}:`, '#{pane_pid}').trim();

describe('a session whose program exits', () => {
  it('is reported exited with its code and last lines, keeps its screen and drops input', async () => {
    const { hub } = rig;
    await createShell(1);
    const since = hub.mark();
    hub.send('session.input', { session_id: 1, data: 'echo "fatal: no network" >&2; exit 3\r' });
    const exited = await hub.event('session.exited', { since, match: (m) => m.session_id === 1 });
    expect(exited.code).toBe(3);
    expect(exited.signal).toBeNull();
    expect(exited.lines).toContain('fatal: no network');
    expect(exited.lines.every((l) => l.trim() !== '' && !l.startsWith('exited ('))).toBe(true);

    const typed = hub.mark();
    hub.send('session.input', { session_id: 1, data: 'echo ignored\r' });
    hub.send('session.attach', { session_id: 1, ref: 'look' });
    const snap = await hub.event('session.snapshot', { since: typed, match: (m) => m.ref === 'look' });
    expect(snap.text).toContain('fatal: no network');
    expect(snap.text).not.toContain('ignored');
    // Right after its screen, the viewer learns the session is exited.
    expect(await hub.event('session.exited', { since: typed })).toMatchObject({ session_id: 1, code: 3 });
    expect(hub.records.slice(typed).some((r) => r.kind === 'text' && r.msg.type === 'session.error')).toBe(false);
  });

  it('runs its program again in place on session.restart, answering with the ref', async () => {
    const { hub } = rig;
    const since = hub.mark();
    hub.send('session.restart', { session_id: 1, ref: 'again-1' });
    expect(await hub.event('session.started', { since })).toMatchObject({ session_id: 1, ref: 'again-1' });
    hub.send('session.input', { session_id: 1, data: 'echo "back-$((40+2)) in $PWD"\r' });
    await hub.outputContains(1, `back-42 in ${join(rig.sandbox.workspace, 'x1')}`, since);
  });

  it('leaves a running program alone when asked to restart it, and refuses an unknown session', async () => {
    const { hub } = rig;
    const before = panePid(1);
    const since = hub.mark();
    hub.send('session.restart', { session_id: 1, ref: 'noop' });
    expect(await hub.event('session.started', { since })).toMatchObject({ session_id: 1, ref: 'noop' });
    expect(panePid(1)).toBe(before);
    hub.send('session.restart', { session_id: 99, ref: 'nobody' });
    const e = await hub.event('session.error', { since, match: (m) => m.session_id === 99 });
    expect(e).toMatchObject({ ref: 'nobody', error: { code: 'session.not_found' } });
  });

  it('reports a program killed by a signal with the signal name', async () => {
    const { hub } = rig;
    const since = hub.mark();
    process.kill(Number(panePid(1)), 'SIGKILL');
    const exited = await hub.event('session.exited', { since, match: (m) => m.session_id === 1 });
    expect(exited).toMatchObject({ code: null, signal: 'SIGKILL' });
  });

  it('reports a program that died while the gateway was down once the gateway is back', async () => {
    const { hub, sandbox } = rig;
    await createShell(2);
    expect(await rig.gw.stop('SIGTERM')).toBe(0);
    sandbox.tmux('send-keys', '-t', '=x2:', 'exit 5', 'Enter');
    // The gateway is down: wait for tmux itself to see the pane dead.
    while (sandbox.tmux('display-message', '-p', '-t', '=x2:', '#{pane_dead}').trim() !== '1') {
      await new Promise((r) => setTimeout(r, 20));
    }
    const since = hub.mark();
    rig.gw = startGateway(sandbox, hub.url, rigEnv('gw_exit'));
    const hello = await hub.event('gateway.hello', { since });
    expect(hello.sessions).toEqual([1, 2]);
    const exits = [
      await hub.event('session.exited', { since, match: (m) => m.session_id === 1 }),
      await hub.event('session.exited', { since, match: (m) => m.session_id === 2 }),
    ];
    expect(exits.map((e) => [e.code, e.signal])).toEqual([
      [null, 'SIGKILL'],
      [5, null],
    ]);
    const restarted = hub.mark();
    hub.send('session.restart', { session_id: 2, ref: 'r2' });
    await hub.event('session.started', { since: restarted, match: (m) => m.ref === 'r2' });
    hub.send('session.attach', { session_id: 2, ref: 'r2-open' });
    hub.send('session.input', { session_id: 2, data: 'echo alive-$((3*3))\r' });
    await hub.outputContains(2, 'alive-9', restarted);
  });

  it('keeps the last lines on the screen when the terminal gets shorter after the exit', async () => {
    // The page puts its exit notice above the terminal, which then gets shorter: tmux must not push the dead
    // pane's lines into history, which would leave a blank screen where the person looks.
    const { hub, sandbox } = rig;
    await createShell(3);
    hub.send('session.resize', { session_id: 3, cols: 80, rows: 30 });
    await expect.poll(() => paneHeight(3)).toBe(30);
    const since = hub.mark();
    hub.send('session.input', { session_id: 3, data: 'clear; echo "fatal: no network" >&2; exit 3\r' });
    await hub.event('session.exited', { since, match: (m) => m.session_id === 3 });
    hub.send('session.resize', { session_id: 3, cols: 80, rows: 20 });
    await expect.poll(() => paneHeight(3)).toBe(20);
    expect(sandbox.tmux('capture-pane', '-p', '-t', '=x3:')).toContain('fatal: no network');
    const looked = hub.mark();
    hub.send('session.attach', { session_id: 3, ref: 'shorter' });
    const snap = await hub.event('session.snapshot', { since: looked, match: (m) => m.ref === 'shorter' });
    const screen = snap.text.replace(/\n$/, '').split('\n').slice(-snap.rows);
    expect(screen.join('\n')).toContain('fatal: no network');
  });
});
