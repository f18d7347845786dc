/**
 * Agent state from the screen (issue 17): real tmux panes replay the agents' prompts and limit messages
 * (test/fixtures/agent-screens), the real gateway reads them once output goes quiet and reports session.state, and a
 * session.answer is typed only while the pane still shows the prompt it was made for; the agents' own hooks (run as
 * Claude Code, Codex and Gemini CLI run them, from what the session's environment names) reach it over its hook socket.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageByType } from '@vibecode/schemas';
import { validateMessage } from '@vibecode/schemas';
import { describe, expect, it, onTestFinished } from 'vitest';
import { gatewayRig } from './rig.ts';

const rig = gatewayRig('gw_attention');
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/agent-screens/${name}.txt`, import.meta.url));
let sessions = 0;
let refs = 0;

/** A shell session for one test, ended when it finishes (a gateway runs at most MAX_SESSIONS). */
async function shell(): Promise<number> {
  const { hub, sandbox } = rig;
  const id = ++sessions;
  const since = hub.mark();
  onTestFinished(async () => {
    const ending = hub.mark();
    hub.send('session.end', { session_id: id });
    await hub.event('session.ended', { since: ending, match: (m) => m.session_id === id });
  });
  hub.send('session.create', {
    session_id: id,
    tmux_name: `a${id}`,
    agent_type: 'shell',
    workdir: join(sandbox.workspace, `a${id}`),
  });
  await hub.event('session.started', { since, match: (m) => m.session_id === id });
  hub.send('session.attach', { session_id: id });
  await hub.event('session.snapshot', { since, match: (m) => m.session_id === id });
  return id;
}

function state(id: number, want: MessageByType['session.state']['state'], since: number) {
  return rig.hub.event('session.state', { since, match: (m) => m.session_id === id && m.state === want });
}

function answer(
  id: number,
  fields: Omit<MessageByType['session.answer'], 'type' | 'schema_version' | 'session_id' | 'ref'>,
) {
  const ref = `answer-${++refs}`;
  const since = rig.hub.mark();
  rig.hub.send('session.answer', { session_id: id, ref, ...fields });
  return rig.hub.waitFor(
    (r) =>
      r.kind === 'text' &&
      (r.msg.type === 'session.answered' || r.msg.type === 'session.error') &&
      'ref' in r.msg &&
      r.msg.ref === ref,
    { since, what: `the reply to ${ref}` },
  );
}

describe('agent state from the screen', () => {
  it("reports Claude Code's permission prompt once, refuses a stale answer and types the right one", async () => {
    const id = await shell();
    const since = rig.hub.mark();
    rig.hub.send('session.input', {
      session_id: id,
      data: `clear; cat ${fixture('claude-permission')}; read -rsn1 k; echo picked=$k\r`,
    });
    const asked = await state(id, 'needs_input', since);
    expect(validateMessage(asked).ok).toBe(true);
    expect(asked.detail).toContain('rm -rf build');
    expect(asked.choices?.map((c) => c.key)).toEqual(['1', '2', '3']);

    const stale = await answer(id, { prompt_fingerprint: '0000000000000000', choice: '1' });
    expect(stale).toMatchObject({ msg: { type: 'session.error', error: { code: 'session.prompt_changed' } } });

    const typed = rig.hub.mark();
    const ok = await answer(id, { prompt_fingerprint: asked.prompt_fingerprint as string, choice: '2' });
    expect(ok).toMatchObject({ msg: { type: 'session.answered' } });
    await rig.hub.outputContains(id, 'picked=2', typed);
    // The question is gone from the screen: the session is done asking.
    await state(id, 'done', typed);
    const asks = rig.hub.records
      .slice(since)
      .filter((r) => r.kind === 'text' && r.msg.type === 'session.state' && r.msg.state === 'needs_input');
    expect(asks).toHaveLength(1);
  });

  it('refuses an answer with a choice the prompt does not offer, with nothing typed', async () => {
    const id = await shell();
    const since = rig.hub.mark();
    rig.hub.send('session.input', {
      session_id: id,
      data: 'read -p "Do you want to continue? [Y/n] " a; echo "answer=$a"\r',
    });
    const asked = await state(id, 'needs_input', since);
    expect(asked.choices).toEqual([
      { key: 'y', label: 'Yes' },
      { key: 'n', label: 'No' },
    ]);
    const bad = await answer(id, { prompt_fingerprint: asked.prompt_fingerprint as string, choice: '7' });
    expect(bad).toMatchObject({ msg: { type: 'session.error', error: { code: 'session.answer_invalid' } } });
    const typed = rig.hub.mark();
    await answer(id, { prompt_fingerprint: asked.prompt_fingerprint as string, choice: 'n' });
    await rig.hub.outputContains(id, 'answer=n', typed);
  });

  it('reports a usage limit with its reset time', async () => {
    const id = await shell();
    const since = rig.hub.mark();
    rig.hub.send('session.input', { session_id: id, data: `clear; cat ${fixture('codex-limit')}\r` });
    const limited = await state(id, 'limited', since);
    expect(limited.detail).toContain("You've hit your usage limit.");
    const resetsIn = Date.parse(limited.resets_at as string) - Date.now();
    // "try again in 2 hours 5 minutes", read a moment ago.
    expect(resetsIn).toBeGreaterThan(2 * 3_600_000);
    expect(resetsIn).toBeLessThanOrEqual((2 * 60 + 5) * 60_000);
  });

  it('reports output that runs on its own as working, then done when it stops, then exited', async () => {
    const id = await shell();
    const since = rig.hub.mark();
    rig.hub.send('session.input', {
      session_id: id,
      data: 'sleep 2.5; for i in $(seq 1 20); do echo tick $i; sleep 0.05; done\r',
    });
    await state(id, 'working', since);
    await state(id, 'done', since);
    const exiting = rig.hub.mark();
    rig.hub.send('session.input', { session_id: id, data: 'exit\r' });
    await rig.hub.event('session.exited', { since: exiting, match: (m) => m.session_id === id });
    await state(id, 'exited', exiting);
  });

  it("calls neither a fresh session's first screen nor a resize's or an attach's redraw work", async () => {
    const since = rig.hub.mark();
    const id = await shell();
    rig.hub.send('session.resize', { session_id: id, cols: 100, rows: 30 });
    rig.hub.send('session.attach', { session_id: id, ref: 'again' });
    await rig.hub.event('session.snapshot', { since, match: (m) => m.session_id === id && m.ref === 'again' });
    rig.hub.send('session.input', { session_id: id, data: 'read -p "Go on? (y/n) " a\r' });
    await state(id, 'needs_input', since);
    expect(statesSince(id, since, 'working')).toEqual([]);
  });

  it('tells a new hub link where each session stands', async () => {
    const id = await shell();
    const since = rig.hub.mark();
    rig.hub.send('session.input', { session_id: id, data: `clear; cat ${fixture('gemini-confirm')}; read -rsn1 k\r` });
    const asked = await state(id, 'needs_input', since);
    const dropped = rig.hub.mark();
    rig.hub.dropLink();
    await rig.hub.event('gateway.hello', { since: dropped });
    const told = await state(id, 'needs_input', dropped);
    expect(told.prompt_fingerprint).toBe(asked.prompt_fingerprint);
  });
});

describe("the agents' own hooks", () => {
  /**
   * What the session's environment tells its agent: where the hooks go, and the settings and program to use. The shell
   * writes the values to a file, not the pane: tmux's redraws put cursor moves among the pane's bytes wherever its
   * next update starts, which can join a value to the prompt that follows it.
   */
  async function hookEnvOf(
    id: number,
  ): Promise<{ socket: string; claudeSettings: string; codexNotify: string[]; geminiSettings: string }> {
    const file = join(rig.sandbox.workspace, `a${id}.hook-env`);
    rig.hub.send('session.input', {
      session_id: id,
      data: `printf '%s\\n' "$VIBE_HOOK_SOCKET" "$VIBE_CLAUDE_SETTINGS" "$VIBE_GEMINI_SETTINGS" "$VIBE_CODEX_NOTIFY" > '${file}.part' && mv '${file}.part' '${file}'\r`,
    });
    // mv makes the file appear whole.
    await expect.poll(() => existsSync(file), { timeout: 30_000, interval: 50 }).toBe(true);
    const [socket = '', claudeSettings = '', geminiSettings = '', codexNotify = ''] = readFileSync(file, 'utf8').split(
      '\n',
    );
    return { socket, claudeSettings, codexNotify: JSON.parse(codexNotify) as string[], geminiSettings };
  }

  /**
   * Runs a hook command from a settings file as Claude Code and Gemini CLI do: sh, the event on stdin; answers what it
   * printed.
   */
  function settingsHook(settingsPath: string, event: string, env: Record<string, string>, payload: object): string {
    const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as {
      hooks: Record<string, { hooks: { command: string }[] }[]>;
    };
    const command = settings.hooks[event]?.[0]?.hooks[0]?.command as string;
    const run = spawnSync('sh', ['-c', command], {
      input: JSON.stringify({ session_id: 'agent-session', hook_event_name: event, ...payload }),
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    return run.stdout;
  }
  const claudeHook = (settingsPath: string, event: string, env: Record<string, string>, payload: object) =>
    expect(settingsHook(settingsPath, event, env, payload)).toBe('');

  it("turn Claude Code's prompt, permission and stop hooks into working, needs_input with the screen's choices, and done", async () => {
    const id = await shell();
    const { socket, claudeSettings } = await hookEnvOf(id);
    const env = { VIBE_SESSION_ID: String(id), VIBE_HOOK_SOCKET: socket };
    let since = rig.hub.mark();
    claudeHook(claudeSettings, 'UserPromptSubmit', env, { prompt: 'clean the build' });
    await state(id, 'working', since);

    // The screen read once output goes quiet may report the question before the hook does (a loaded machine is slow
    // to run the hook): either way it is reported once, with the screen's choices.
    since = rig.hub.mark();
    rig.hub.send('session.input', {
      session_id: id,
      data: `clear; cat ${fixture('claude-permission')}; read -rsn1 k\r`,
    });
    await rig.hub.outputContains(id, 'what to do differently', since);
    claudeHook(claudeSettings, 'Notification', env, {
      message: 'Claude needs your permission to use Bash',
      notification_type: 'permission_prompt',
    });
    const asked = await state(id, 'needs_input', since);
    expect(asked.prompt_fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(asked.choices?.[0]).toEqual({ key: '1', label: 'Yes' });
    expect(statesSince(id, since, 'needs_input')).toHaveLength(1);

    since = rig.hub.mark();
    claudeHook(claudeSettings, 'Stop', env, { stop_hook_active: false });
    await state(id, 'done', since);
  });

  it("turn Codex's notify call into done with what it said last", async () => {
    const id = await shell();
    const { socket, codexNotify } = await hookEnvOf(id);
    const [node, hook, agent] = codexNotify as [string, string, string];
    const since = rig.hub.mark();
    const call = JSON.stringify({
      type: 'agent-turn-complete',
      'turn-id': '12345',
      'input-messages': ['clean the build'],
      'last-assistant-message': 'Removed build/ and rebuilt: all tests pass.',
    });
    const run = spawnSync(node, [hook, agent, call], {
      env: { VIBE_SESSION_ID: String(id), VIBE_HOOK_SOCKET: socket },
    });
    expect(run.status).toBe(0);
    // A loaded machine may have called the shell's output work and its end done already: this done has the detail.
    await rig.hub.event('session.state', {
      since,
      match: (m) =>
        m.session_id === id && m.state === 'done' && m.detail === 'Removed build/ and rebuilt: all tests pass.',
    });
  });

  it("turn Gemini CLI's agent hooks into working and done with its answer, printing the JSON it reads back", async () => {
    const id = await shell();
    const { socket, geminiSettings } = await hookEnvOf(id);
    const env = { VIBE_SESSION_ID: String(id), VIBE_HOOK_SOCKET: socket };
    const gemini = { cwd: '/w', timestamp: '2026-12-06T07:00:00.000Z', transcript_path: '/w/t.json' };
    let since = rig.hub.mark();
    expect(settingsHook(geminiSettings, 'BeforeAgent', env, { ...gemini, prompt: 'clean the build' })).toBe('{}\n');
    await state(id, 'working', since);
    since = rig.hub.mark();
    const done = {
      ...gemini,
      prompt: 'clean the build',
      prompt_response: 'Cleaned and rebuilt.',
      stop_hook_active: false,
    };
    expect(settingsHook(geminiSettings, 'AfterAgent', env, done)).toBe('{}\n');
    await rig.hub.event('session.state', {
      since,
      match: (m) => m.session_id === id && m.state === 'done' && m.detail === 'Cleaned and rebuilt.',
    });
  });

  it('drops calls that are not JSON, too large, for no session or from an unknown agent, and keeps listening', async () => {
    const id = await shell();
    const { socket } = await hookEnvOf(id);
    const since = rig.hub.mark();
    const bad = [
      'not json',
      JSON.stringify({ session: id, agent: 'cursor', payload: { hook_event_name: 'Stop' } }),
      JSON.stringify({ session: 'one', agent: 'claude', payload: { hook_event_name: 'Stop' } }),
      JSON.stringify({ session: 9999, agent: 'claude', payload: { hook_event_name: 'Stop' } }),
      JSON.stringify({ session: id, agent: 'claude', payload: { hook_event_name: 'Stop', pad: 'x'.repeat(70_000) } }),
    ];
    for (const line of bad) await sendRaw(socket, line);
    await sendRaw(
      socket,
      JSON.stringify({ session: id, agent: 'claude', payload: { hook_event_name: 'UserPromptSubmit' } }),
    );
    await state(id, 'working', since);
    const states = rig.hub.records
      .slice(since)
      .filter((r) => r.kind === 'text' && r.msg.type === 'session.state' && r.msg.session_id === id);
    expect(states).toHaveLength(1);
  });
});

/** The session.state reports of session `id` since `since` that say `state`. */
function statesSince(id: number, since: number, state: string) {
  return rig.hub.records
    .slice(since)
    .filter(
      (r) => r.kind === 'text' && r.msg.type === 'session.state' && r.msg.session_id === id && r.msg.state === state,
    );
}

function sendRaw(path: string, line: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.end(`${line}\n`);
  });
}
