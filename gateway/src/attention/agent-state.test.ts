import { describe, expect, it } from 'vitest';
import { AgentStateMachine, WORK_AFTER_INPUT_MS } from './agent-state.ts';
import type { ScreenVerdict } from './screen-verdict.ts';

const ask = (fingerprint: string): ScreenVerdict => ({
  kind: 'prompt',
  detail: 'Do you want to proceed?',
  choices: [
    { key: '1', label: 'Yes' },
    { key: '2', label: 'No' },
  ],
  fingerprint,
  keystrokes: { 1: '1', 2: '2' },
});
const none: ScreenVerdict = { kind: 'none' };

describe('AgentStateMachine', () => {
  it('calls output working only once it comes on its own, well after the last keystroke', () => {
    const machine = new AgentStateMachine();
    machine.input(1000);
    expect(machine.output(1000 + 50)).toBeNull();
    expect(machine.output(1000 + WORK_AFTER_INPUT_MS - 1)).toBeNull();
    expect(machine.output(1000 + WORK_AFTER_INPUT_MS)).toEqual({ state: 'working' });
    expect(machine.output(1000 + WORK_AFTER_INPUT_MS + 10)).toBeNull();
  });

  it('reports working → needs_input → working → done, each change once', () => {
    const machine = new AgentStateMachine();
    expect(machine.output(0)).toEqual({ state: 'working' });
    expect(machine.screen(ask('aaaaaaaaaaaaaaaa'))).toEqual({
      state: 'needs_input',
      detail: 'Do you want to proceed?',
      prompt_fingerprint: 'aaaaaaaaaaaaaaaa',
      choices: [
        { key: '1', label: 'Yes' },
        { key: '2', label: 'No' },
      ],
    });
    expect(machine.screen(ask('aaaaaaaaaaaaaaaa'))).toBeNull();
    machine.input(10_000);
    expect(machine.output(10_000 + WORK_AFTER_INPUT_MS)).toEqual({ state: 'working' });
    expect(machine.screen(none)).toEqual({ state: 'done' });
    expect(machine.screen(none)).toBeNull();
    expect(machine.state).toEqual({ state: 'done' });
  });

  it('reports a different question as a new needs_input', () => {
    const machine = new AgentStateMachine();
    machine.screen(ask('aaaaaaaaaaaaaaaa'));
    expect(machine.screen(ask('bbbbbbbbbbbbbbbb'))).toMatchObject({
      state: 'needs_input',
      prompt_fingerprint: 'bbbbbbbbbbbbbbbb',
    });
  });

  it('says nothing for a quiet screen it never saw working (a shell at its prompt)', () => {
    expect(new AgentStateMachine().screen(none)).toBeNull();
  });

  it('reports a limit once while its message stays, even as the reset read from "in 2 hours" moves', () => {
    const machine = new AgentStateMachine();
    const limit = (at: string): ScreenVerdict => ({
      kind: 'limit',
      detail: 'try again in 2 hours',
      resetsAt: new Date(at),
    });
    expect(machine.screen(limit('2026-12-06T12:00:00Z'))).toEqual({
      state: 'limited',
      detail: 'try again in 2 hours',
      resets_at: '2026-12-06T12:00:00.000Z',
    });
    expect(machine.screen(limit('2026-12-06T12:01:00Z'))).toBeNull();
    expect(machine.screen({ kind: 'limit', detail: 'quota exceeded', resetsAt: undefined })).toEqual({
      state: 'limited',
      detail: 'quota exceeded',
    });
  });

  it('holds exited until the program runs again', () => {
    const machine = new AgentStateMachine();
    machine.output(0);
    expect(machine.exited()).toEqual({ state: 'exited' });
    expect(machine.output(100_000)).toBeNull();
    expect(machine.screen(ask('aaaaaaaaaaaaaaaa'))).toBeNull();
    machine.restarted();
    expect(machine.state).toBeNull();
    expect(machine.output(200_000)).toEqual({ state: 'working' });
  });

  it("takes the agent's hooks over what output suggests: done holds until the next keystroke", () => {
    const machine = new AgentStateMachine();
    expect(machine.hooked({ kind: 'working' })).toEqual({ state: 'working' });
    expect(machine.hooked({ kind: 'done', detail: 'All tests pass.' })).toEqual({
      state: 'done',
      detail: 'All tests pass.',
    });
    // Its screen settling after the hook is not work, nor is the same state told again by the screen.
    expect(machine.output(100_000)).toBeNull();
    expect(machine.screen(none)).toBeNull();
    machine.input(200_000);
    expect(machine.output(200_000 + WORK_AFTER_INPUT_MS)).toEqual({ state: 'working' });
    expect(machine.hooked({ kind: 'asking', detail: 'Claude needs your permission to use Bash' })).toEqual({
      state: 'needs_input',
      detail: 'Claude needs your permission to use Bash',
    });
    machine.exited();
    expect(machine.hooked({ kind: 'working' })).toBeNull();
  });
});
