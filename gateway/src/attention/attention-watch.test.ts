import { readFileSync } from 'node:fs';
import { silentLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors.ts';
import type { StateReport } from './agent-state.ts';
import { type AttentionClock, AttentionWatch, QUIET_MS } from './attention-watch.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/agent-screens/${name}.txt`, import.meta.url), 'utf8');

/** A clock the test moves: timers fire only when `advance` passes them. */
class TestClock implements AttentionClock {
  private time = Date.parse('2026-12-06T10:00:00Z');
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 1;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
      // Let the capture's promise settle before the next timer.
      await new Promise((r) => setImmediate(r));
    }
    this.time = end;
    await new Promise((r) => setImmediate(r));
  }
}

function watchOf(screen: { text: string }) {
  const clock = new TestClock();
  const sent: StateReport[] = [];
  const typed: string[] = [];
  let captures = 0;
  const watch = new AttentionWatch({
    capture: async () => {
      captures += 1;
      return screen.text;
    },
    send: (report) => sent.push(report),
    type: (keys) => typed.push(keys),
    clock,
    localZone: 'UTC',
    log: silentLogger,
  });
  return { watch, clock, sent, typed, captures: () => captures };
}

describe('AttentionWatch', () => {
  it('reads the screen once per quiet spell, however long the output ran', async () => {
    const screen = { text: 'building…' };
    const { watch, clock, sent, captures } = watchOf(screen);
    for (let i = 0; i < 50; i += 1) {
      watch.output();
      await clock.advance(100);
    }
    expect(captures()).toBe(0);
    expect(sent).toEqual([{ state: 'working', seq: expect.any(Number) }]);
    screen.text = fixture('claude-permission');
    await clock.advance(QUIET_MS);
    expect(captures()).toBe(1);
    expect(sent[1]).toMatchObject({ state: 'needs_input', detail: expect.stringContaining('rm -rf build') });
    await clock.advance(10 * QUIET_MS);
    expect(captures()).toBe(1);
  });

  it('stamps each state with a seq that only grows, even within one millisecond, and tells a new link the same one', async () => {
    const { watch, clock, sent } = watchOf({ text: '$ ' });
    const start = clock.now();
    watch.hook({ kind: 'working' });
    watch.hook({ kind: 'done' });
    watch.hook({ kind: 'working' });
    expect(sent.map((r) => [r.state, r.seq])).toEqual([
      ['working', start],
      ['done', start + 1],
      ['working', start + 2],
    ]);
    await clock.advance(60_000);
    watch.hook({ kind: 'done' });
    expect(sent.at(-1)?.seq).toBe(start + 60_000);
    expect(watch.state).toEqual(sent.at(-1));
    watch.restarted();
    expect(watch.state).toBeNull();
  });

  it('types a choice only while its prompt is on screen, and refuses a stale one with nothing typed', async () => {
    const screen = { text: fixture('claude-permission') };
    const { watch, clock, sent, typed } = watchOf(screen);
    watch.output();
    await clock.advance(QUIET_MS);
    const asked = sent.at(-1);
    if (asked?.prompt_fingerprint === undefined) throw new Error('no prompt reported');

    screen.text = fixture('claude-permission-other-command');
    const stale = watch.answer({ prompt_fingerprint: asked.prompt_fingerprint, choice: '1' });
    await expect(stale).rejects.toBeInstanceOf(GatewayError);
    await expect(stale).rejects.toMatchObject({ code: 'session.prompt_changed' });
    expect(typed).toEqual([]);
    // The refusal tells what the screen shows now.
    expect(sent.at(-1)?.prompt_fingerprint).not.toBe(asked.prompt_fingerprint);

    const now = sent.at(-1)?.prompt_fingerprint as string;
    await watch.answer({ prompt_fingerprint: now, choice: '2' });
    expect(typed).toEqual(['2']);
  });

  it('refuses a choice the prompt does not offer, and an answer that is both or neither', async () => {
    const screen = { text: fixture('shell-yes-no') };
    const { watch, clock, sent, typed } = watchOf(screen);
    watch.output();
    await clock.advance(QUIET_MS);
    const fingerprint = sent.at(-1)?.prompt_fingerprint as string;
    await expect(watch.answer({ prompt_fingerprint: fingerprint, choice: '3' })).rejects.toMatchObject({
      code: 'session.answer_invalid',
    });
    await expect(watch.answer({ prompt_fingerprint: fingerprint, choice: 'y', text: 'y' })).rejects.toMatchObject({
      code: 'session.answer_invalid',
    });
    await expect(watch.answer({ prompt_fingerprint: fingerprint })).rejects.toMatchObject({
      code: 'session.answer_invalid',
    });
    expect(typed).toEqual([]);
    await watch.answer({ prompt_fingerprint: fingerprint, choice: 'y' });
    await watch.answer({ prompt_fingerprint: fingerprint, text: 'yes' });
    expect(typed).toEqual(['y\r', 'yes\r']);
  });

  it('drops a screen read that output overtook: the screen it read is stale', async () => {
    const clock = new TestClock();
    const sent: StateReport[] = [];
    let watch: AttentionWatch | undefined;
    watch = new AttentionWatch({
      capture: async () => {
        // Output arrives while capture-pane runs.
        watch?.output();
        return fixture('shell-yes-no');
      },
      send: (report) => sent.push(report),
      type: () => undefined,
      clock,
      localZone: 'UTC',
      log: silentLogger,
    });
    watch.output();
    await clock.advance(QUIET_MS);
    expect(sent).toEqual([{ state: 'working', seq: expect.any(Number) }]);
  });

  it('sends nothing once disposed', async () => {
    const screen = { text: 'output' };
    const { watch, clock, sent } = watchOf(screen);
    watch.dispose();
    watch.output();
    screen.text = fixture('shell-yes-no');
    await clock.advance(QUIET_MS * 2);
    watch.exited();
    expect(sent).toEqual([]);
  });
});
