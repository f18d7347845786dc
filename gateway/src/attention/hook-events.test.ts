import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors.ts';
import { parseHookCall } from './hook-events.ts';

const call = (agent: string, payload: unknown, session: unknown = 3) => JSON.stringify({ session, agent, payload });

describe('parseHookCall', () => {
  it("reads Claude Code's prompt, stop and notification hooks", () => {
    expect(parseHookCall(call('claude', { hook_event_name: 'UserPromptSubmit', prompt: 'go' }))).toEqual({
      session: 3,
      hook: { kind: 'working' },
    });
    expect(parseHookCall(call('claude', { hook_event_name: 'Stop', stop_hook_active: false })).hook).toEqual({
      kind: 'done',
    });
    expect(
      parseHookCall(
        call('claude', {
          hook_event_name: 'Notification',
          notification_type: 'permission_prompt',
          message: 'Claude needs your permission to use Bash',
        }),
      ).hook,
    ).toEqual({ kind: 'asking', detail: 'Claude needs your permission to use Bash' });
    expect(
      parseHookCall(call('claude', { hook_event_name: 'Notification', notification_type: 'idle_prompt' })).hook,
    ).toEqual({ kind: 'done' });
  });

  it("reads Codex's turn-complete notification with its last message, and ignores what is not about attention", () => {
    expect(
      parseHookCall(call('codex', { type: 'agent-turn-complete', 'last-assistant-message': '  All tests pass.  ' }))
        .hook,
    ).toEqual({ kind: 'done', detail: 'All tests pass.' });
    expect(parseHookCall(call('claude', { hook_event_name: 'PreToolUse', tool_name: 'Bash' })).hook).toBeNull();
    expect(
      parseHookCall(call('claude', { hook_event_name: 'Notification', notification_type: 'auth_success' })).hook,
    ).toBeNull();
    expect(parseHookCall(call('codex', { type: 'something-else' })).hook).toBeNull();
  });

  it("reads Gemini CLI's agent and permission hooks, with what it answered, and ignores the rest", () => {
    const gemini = (payload: object) =>
      parseHookCall(call('gemini', { session_id: 'g', cwd: '/w', timestamp: '2026-12-06T07:00:00Z', ...payload })).hook;
    expect(gemini({ hook_event_name: 'BeforeAgent', prompt: 'clean the build' })).toEqual({ kind: 'working' });
    expect(gemini({ hook_event_name: 'AfterAgent', prompt: 'x', prompt_response: ' Rebuilt: all green. ' })).toEqual({
      kind: 'done',
      detail: 'Rebuilt: all green.',
    });
    expect(gemini({ hook_event_name: 'AfterAgent', prompt: 'x', prompt_response: '' })).toEqual({ kind: 'done' });
    expect(
      gemini({
        hook_event_name: 'Notification',
        notification_type: 'ToolPermission',
        message: 'Allow execution of: rm -rf build?',
        details: { tool_name: 'run_shell_command' },
      }),
    ).toEqual({ kind: 'asking', detail: 'Allow execution of: rm -rf build?' });
    expect(gemini({ hook_event_name: 'Notification', notification_type: 'Other' })).toBeNull();
    expect(gemini({ hook_event_name: 'BeforeTool', tool_name: 'read_file' })).toBeNull();
  });

  it('refuses what is not a hook call, with a typed error', () => {
    for (const bad of [
      'not json',
      '[]',
      call('claude', 'Stop'),
      call('cursor', { hook_event_name: 'Stop' }),
      call('claude', { hook_event_name: 'Stop' }, 0),
      call('claude', { hook_event_name: 'Stop' }, 1.5),
      call('claude', { hook_event_name: 'Stop' }, '3'),
    ]) {
      expect(() => parseHookCall(bad), bad).toThrow(GatewayError);
    }
  });
});
