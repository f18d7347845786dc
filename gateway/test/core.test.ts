import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { validateMessage } from '@vibecode/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Recorded, TestHub } from './hub.ts';
import { createSandbox, type GatewayProcess, type Sandbox, startGateway } from './sandbox.ts';

const pkgVersion = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version;

describe('gateway core: register, hello, sessions, output, resume, restart', () => {
  let hub: TestHub;
  let sandbox: Sandbox;
  let gw: GatewayProcess;

  beforeAll(async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
    gw = startGateway(sandbox, hub.url, { VIBE_BOOTSTRAP_TOKEN: 'boot-token' });
    await hub.event('gateway.hello');
  });

  /** The hello that opened connection `conn` (its first frame), checked against the schema the hub applies. */
  async function helloOf(conn: number) {
    const first = await hub.waitFor(
      (r): r is Extract<Recorded, { kind: 'text' }> => r.conn === conn && r.kind === 'text',
      { what: `the first frame of connection ${conn}` },
    );
    expect(validateMessage(first.msg).ok).toBe(true);
    expect(first.msg.type).toBe('gateway.hello');
    return first.msg;
  }

  afterAll(async () => {
    await gw?.stop('SIGKILL');
    await hub?.stop();
    await sandbox?.cleanup();
  });

  it('trades the bootstrap token, stores the credential 0600 and says hello first', async () => {
    expect(hub.registrations).toEqual([{ token: 'boot-token', status: 200 }]);
    const file = join(sandbox.stateDir, 'credential.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ gateway_id: 'gw_test', credential: 'cred-secret' });
    const first = hub.records[0];
    expect(first?.kind === 'text' && first.msg).toEqual({
      type: 'gateway.hello',
      schema_version: '1',
      gateway_id: 'gw_test',
      version: pkgVersion,
      sessions: [],
    });
    expect(gw.logs.some((l) => l.gateway_id === 'gw_test')).toBe(true);
  });

  it('creates a shell session with instruction files, echoes input and streams output in seq order', async () => {
    const since = hub.mark();
    const workdir = join(sandbox.workspace, 'proj');
    hub.send('session.create', { session_id: 1, tmux_name: 's1', agent_type: 'shell', workdir, ref: 'c1' });
    const started = await hub.event('session.started', { since });
    expect(started).toMatchObject({ session_id: 1, ref: 'c1' });
    expect(readFileSync(join(workdir, 'CLAUDE.md'), 'utf8')).toContain('Claude Code');
    expect(existsSync(join(workdir, 'AGENTS.md'))).toBe(true);
    hub.send('session.attach', { session_id: 1, ref: 'a1' });
    const snap = await hub.event('session.snapshot', { since });
    expect(snap).toMatchObject({ session_id: 1, reason: 'fresh', ref: 'a1' });
    hub.send('session.input', { session_id: 1, data: 'echo hel""lo-$((6*7))\r' });
    await hub.outputContains(1, 'hello-42', since);
    const seqs = hub.frames(1).map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + i));
  });

  it('keeps a CLAUDE.md the user already has', async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const workdir = join(sandbox.workspace, 'mine');
    mkdirSync(workdir, { recursive: true });
    writeFileSync(join(workdir, 'CLAUDE.md'), 'my own rules\n');
    const since = hub.mark();
    hub.send('session.create', {
      session_id: 2,
      tmux_name: 's2',
      agent_type: 'shell',
      workdir,
      agent_config: { instructions: 'Use pnpm.' },
    });
    await hub.event('session.started', { since, match: (m) => m.session_id === 2 });
    expect(readFileSync(join(workdir, 'CLAUDE.md'), 'utf8')).toBe('my own rules\n');
    expect(readFileSync(join(workdir, 'AGENTS.md'), 'utf8')).toContain('Use pnpm.');
    hub.send('session.end', { session_id: 2 });
    const ended = await hub.event('session.ended', { since, match: (m) => m.session_id === 2 });
    expect(ended.reason).toBe('ended');
  });

  it('refuses a workdir outside the workspace root with session.error', async () => {
    for (const [i, workdir] of ['/tmp/elsewhere', `${sandbox.workspace}/../escape`, 'relative/dir'].entries()) {
      const since = hub.mark();
      hub.send('session.create', {
        session_id: 50 + i,
        tmux_name: `bad${i}`,
        agent_type: 'shell',
        workdir,
        ref: `w${i}`,
      });
      const e = await hub.event('session.error', { since });
      expect(e).toMatchObject({ session_id: 50 + i, ref: `w${i}`, error: { code: 'session.workdir_invalid' } });
    }
  });

  it('reports a program that exits on its own as exited, and keeps the session until it is ended', async () => {
    const since = hub.mark();
    hub.send('session.create', {
      session_id: 3,
      tmux_name: 's3',
      agent_type: 'shell',
      workdir: join(sandbox.workspace, 'p3'),
    });
    await hub.event('session.started', { since, match: (m) => m.session_id === 3 });
    hub.send('session.input', { session_id: 3, data: 'exit 7\r' });
    const exited = await hub.event('session.exited', { since, match: (m) => m.session_id === 3 });
    expect(exited).toMatchObject({ code: 7, signal: null });
    hub.send('session.end', { session_id: 3 });
    const ended = await hub.event('session.ended', { since, match: (m) => m.session_id === 3 });
    expect(ended.reason).toBe('ended');
  });

  it('refuses a sixth live session with session.limit', async () => {
    const since = hub.mark();
    for (let id = 10; id < 14; id++) {
      hub.send('session.create', {
        session_id: id,
        tmux_name: `l${id}`,
        agent_type: 'shell',
        workdir: join(sandbox.workspace, `l${id}`),
      });
    }
    for (let id = 10; id < 14; id++) await hub.event('session.started', { since, match: (m) => m.session_id === id });
    hub.send('session.create', {
      session_id: 14,
      tmux_name: 'l14',
      agent_type: 'shell',
      workdir: join(sandbox.workspace, 'l14'),
      ref: 'six',
    });
    const e = await hub.event('session.error', { since, match: (m) => m.session_id === 14 });
    expect(e).toMatchObject({ ref: 'six', error: { code: 'session.limit' } });
    for (let id = 10; id < 14; id++) hub.send('session.end', { session_id: id });
    for (let id = 10; id < 14; id++) await hub.event('session.ended', { since, match: (m) => m.session_id === id });
  });

  it('resumes after a dropped link by replaying from the ring: no byte lost, none duplicated', async () => {
    hub.send('session.input', { session_id: 1, data: 'clear\r' });
    const before = hub.mark();
    hub.send('session.input', { session_id: 1, data: 'for i in $(seq 1 3); do echo before-$i; done\r' });
    await hub.outputContains(1, 'before-3', before);
    const lastSeq = Math.max(...hub.frames(1).map((f) => f.seq));
    hub.dropLink();
    await new Promise((r) => setTimeout(r, 100));
    // Output produced while the hub is away lands in the ring. Paced, so tmux streams every line rather than
    // redrawing the screen once, and each line can be looked for.
    sandbox.tmux('send-keys', '-t', '=s1:', 'for i in $(seq 1 60); do echo while-away-$i; sleep 0.01; done', 'Enter');
    await hub.waitForConnection(2);
    // The reconnect's hello lists the session that lived through the drop.
    expect(await helloOf(2)).toMatchObject({ sessions: [1] });
    const since = hub.mark();
    hub.send('session.attach', { session_id: 1, last_seq: lastSeq, ref: 'resume' });
    // The loop typed while away has finished (replayed or live) before the next command is typed.
    await hub.outputContains(1, 'while-away-60', since);
    // The shell computes the marker, so only its output (never the echoed command line) contains it; tmux may
    // put an erase-line between it and the line end, so the line end is not part of the match.
    hub.send('session.input', { session_id: 1, data: 'echo back-$((1+1))-again\r' });
    await hub.outputContains(1, 'back-2-again', since);
    const frames = hub.frames(1, since);
    expect(frames[0]?.seq).toBe(lastSeq + 1);
    frames.forEach((f, i) => {
      expect(f.seq).toBe(lastSeq + 1 + i);
    });
    expect(hub.records.slice(since).some((r) => r.kind === 'text' && r.msg.type === 'session.snapshot')).toBe(false);
    const text = hub.output(1, since);
    for (let i = 1; i <= 60; i++) expect(text).toMatch(new RegExp(`while-away-${i}(?!\\d)`));
  });

  it('answers an attach whose gap does not fit the ring with a gap snapshot', async () => {
    const since = hub.mark();
    hub.send('session.attach', { session_id: 1, last_seq: 999_999, ref: 'far' });
    const snap = await hub.event('session.snapshot', { since });
    expect(snap).toMatchObject({ session_id: 1, reason: 'gap', ref: 'far' });
    expect(snap.text).toContain('back-2-again');
    expect(snap.cols).toBe(80);
    expect(snap.rows).toBe(24);
  });

  it('follows session.resize', async () => {
    hub.send('session.resize', { session_id: 1, cols: 100, rows: 30 });
    await new Promise((r) => setTimeout(r, 300));
    const since = hub.mark();
    hub.send('session.attach', { session_id: 1, ref: 'size' });
    const snap = await hub.event('session.snapshot', { since });
    expect([snap.cols, snap.rows]).toEqual([100, 30]);
  });

  it('re-adopts its sessions with the same ids after a restart; SIGTERM leaves tmux running', async () => {
    const oldLast = Math.max(...hub.frames(1).map((f) => f.seq));
    const code = await gw.stop('SIGTERM');
    expect(code).toBe(0);
    expect(sandbox.tmux('list-sessions', '-F', '#{session_name}').split('\n')).toContain('s1');
    const connections = hub.connections;
    gw = startGateway(sandbox, hub.url);
    await hub.waitForConnection(connections + 1);
    expect(hub.registrations).toHaveLength(1);
    expect(await helloOf(connections + 1)).toMatchObject({ sessions: [1] });
    const since = hub.mark();
    hub.send('session.attach', { session_id: 1, ref: 'again' });
    const snap = await hub.event('session.snapshot', { since });
    expect(snap.text).toContain('back-2-again');
    // The re-attached client kept the size the last viewer set, rather than shrinking the window to 80x24.
    expect([snap.cols, snap.rows]).toEqual([100, 30]);
    hub.send('session.input', { session_id: 1, data: 'echo adopted-$((2+3))\r' });
    await hub.outputContains(1, 'adopted-5', since);
    // The new process numbers frames above every seq the old one sent, so an old last_seq means a gap, never
    // a replay of unrelated frames.
    expect(Math.min(...hub.frames(1, since).map((f) => f.seq))).toBeGreaterThan(oldLast);
    const resync = hub.mark();
    hub.send('session.attach', { session_id: 1, last_seq: oldLast, ref: 'old' });
    expect(await hub.event('session.snapshot', { since: resync })).toMatchObject({ reason: 'gap', ref: 'old' });
  });

  it('reports sessions as lost when their tmux server dies', async () => {
    const since = hub.mark();
    sandbox.tmux('kill-server');
    const ended = await hub.event('session.ended', { since, match: (m) => m.session_id === 1 });
    expect(ended.reason).toBe('lost');
  });

  it('says hello with no sessions after a restart that finds the tmux server gone', async () => {
    const since = hub.mark();
    hub.send('session.create', {
      session_id: 4,
      tmux_name: 's4',
      agent_type: 'shell',
      workdir: join(sandbox.workspace, 'p4'),
    });
    await hub.event('session.started', { since, match: (m) => m.session_id === 4 });
    // As in a reboot: the gateway stops while session 4 runs, then its tmux server dies before the gateway is back.
    expect(await gw.stop('SIGTERM')).toBe(0);
    sandbox.tmux('kill-server');
    const connections = hub.connections;
    gw = startGateway(sandbox, hub.url);
    await hub.waitForConnection(connections + 1);
    expect(await helloOf(connections + 1)).toMatchObject({ sessions: [] });
  });
});
