/**
 * The control client against a real tmux server: reads answer on its pipe exactly as a process would, with no process
 * per read, and nothing is lost when the client cannot answer (its session ends, no server runs).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shellEnvironment } from '../../test/shell-environment.ts';
import { Tmux, type TmuxResult } from './tmux.ts';

describe('Tmux.query through the control client', () => {
  let dir: string;
  let tmux: Tmux;
  let processes: string[][];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tmux-control-'));
    const conf = join(dir, 'tmux.conf');
    writeFileSync(conf, 'set -g window-size latest\nset -g exit-empty off\n');
    tmux = new Tmux(`vibe-test-${process.pid}-${Date.now()}`, conf, shellEnvironment(dir));
    processes = [];
    const run = tmux.run.bind(tmux);
    tmux.run = (args) => {
      processes.push(args);
      return run(args);
    };
    await tmux.mustRun(['new-session', '-d', '-s', 'one', '-x', '100', '-y', '30'], 'test.setup');
  });

  afterEach(async () => {
    tmux.close();
    await tmux.run(['kill-server']);
    rmSync(dir, { recursive: true, force: true });
  });

  const paneText = (name: string) => ['capture-pane', '-p', '-e', '-J', '-t', `=${name}:`, '-S', '-50'];

  it('answers a command sequence as a tmux process does, without starting one', async () => {
    await tmux.run(['send-keys', '-t', '=one:', 'printf "\\033[31mred\\033[0m plain\\n"', 'Enter']);
    await expect.poll(async () => (await tmux.run(paneText('one'))).stdout, { timeout: 10_000 }).toContain('plain\n');
    const args = ['display-message', '-p', '-t', '=one:', '#{pane_width} #{pane_height}', ';', ...paneText('one')];
    const before = processes.length;
    const piped = await tmux.query(args);
    expect(processes.slice(before)).toEqual([]);
    const byProcess = await tmux.run(args);
    expect(piped).toEqual(byProcess);
    expect(piped.stdout).toMatch(/^100 30\n/);
    expect(piped.stdout).toContain('\x1b[31mred\x1b[39m plain\n');
  });

  it("passes every argument to tmux unchanged, whatever tmux's parser would make of it bare", async () => {
    const text = `it's "a;b" #{session_name} $HOME ~ \\x {} ünï ✓`;
    expect((await tmux.query(['display-message', '-p', '-t', '=one:', text])).stdout).toBe(
      `it's "a;b" one $HOME ~ \\x {} ünï ✓\n`,
    );
  });

  it("reports a failed command with tmux's own message, as a process does", async () => {
    const args = ['capture-pane', '-p', '-t', '=missing:'];
    const piped = await tmux.query(args);
    expect(piped).toEqual(await tmux.run(args));
    expect(piped).toMatchObject({ code: 1, stdout: '' });
    expect(piped.stderr).toContain("can't find session: missing");
  });

  it('answers reads given at once in the order they were asked', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => tmux.query(['display-message', '-p', '-t', '=one:', `read ${i}`])),
    );
    expect(answers.map((a) => a.stdout)).toEqual(Array.from({ length: 20 }, (_, i) => `read ${i}\n`));
  });

  it("leaves the window's size to the viewers' clients", async () => {
    await tmux.query(['display-message', '-p', '-t', '=one:', 'x']);
    const size = await tmux.run(['display-message', '-p', '-t', '=one:', '#{window_width}x#{window_height}']);
    expect(size.stdout).toBe('100x30\n');
  });

  it('keeps answering when the session it attached to ends, from another session', async () => {
    await tmux.mustRun(['new-session', '-d', '-s', 'two'], 'test.setup');
    const attachedTo = async () =>
      (await tmux.run(['list-sessions', '-F', '#{session_name} #{session_attached}'])).stdout
        .split('\n')
        .filter((line) => line.endsWith(' 1'))
        .map((line) => line.split(' ')[0]);
    await tmux.query(['display-message', '-p', 'x']);
    // tmux may answer a control client's first commands before its attach is through.
    await expect.poll(attachedTo, { timeout: 10_000 }).toHaveLength(1);
    const [first] = await attachedTo();
    const other = first === 'one' ? 'two' : 'one';
    const inFlight = Array.from({ length: 5 }, () => tmux.query(['display-message', '-p', '-t', `=${other}:`, 'y']));
    await tmux.run(['kill-session', '-t', `=${first}`]);
    // Answered on the pipe before the client went, or by a process after: every read has its answer.
    expect((await Promise.all(inFlight)).map((a: TmuxResult) => a.stdout)).toEqual(Array(5).fill('y\n'));
    // The client goes once tmux has told it its session ended; the read after that starts the next one.
    await expect
      .poll(
        async () => {
          expect((await tmux.query(['display-message', '-p', 'z'])).stdout).toBe('z\n');
          return attachedTo();
        },
        { timeout: 10_000 },
      )
      .toEqual([other]);
    const before = processes.length;
    await tmux.query(['display-message', '-p', '-t', `=${other}:`, 'piped']);
    expect(processes.slice(before)).toEqual([]);
  });

  it('falls back to a process when no server runs, and says so', async () => {
    await tmux.run(['kill-server']);
    const before = processes.length;
    const answer = await tmux.query(['display-message', '-p', 'x']);
    expect(answer.code).not.toBe(0);
    expect(processes.slice(before)).toEqual([['display-message', '-p', 'x']]);
  });

  it('detaches its client when closed', async () => {
    await tmux.query(['display-message', '-p', 'x']);
    const attached = async () =>
      (await tmux.run(['display-message', '-p', '-t', '=one:', '#{session_attached}'])).stdout;
    expect(await attached()).toBe('1\n');
    tmux.close();
    await expect.poll(attached, { timeout: 10_000 }).toBe('0\n');
    const before = processes.length;
    await tmux.query(['display-message', '-p', 'x']);
    expect(processes.slice(before)).toHaveLength(1);
  });
});
