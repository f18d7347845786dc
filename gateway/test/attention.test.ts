/**
 * Agent state from the screen (issue 17): real tmux panes replay the agents' prompts and limit messages
 * (test/fixtures/agent-screens), the real gateway reads them once output goes quiet and reports session.state, and a
 * session.answer is typed only while the pane still shows the prompt it was made for.
 */

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageByType } from '@vibecode/schemas';
import { validateMessage } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { gatewayRig } from './rig.ts';

const rig = gatewayRig('gw_attention');
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/agent-screens/${name}.txt`, import.meta.url));
let sessions = 0;
let refs = 0;

async function shell(): Promise<number> {
  const { hub, sandbox } = rig;
  const id = ++sessions;
  const since = hub.mark();
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
