/**
 * What the agents' own hooks say, in the machine's terms (issue 17's most trusted source), read from the JSON the
 * hook script (agents/hook.mjs) forwards:
 * - Claude Code's hook input (`hook_event_name`): `UserPromptSubmit` → working; `Stop` → done; `Notification` with
 *   `notification_type` `permission_prompt` → asking (the screen then says what), `idle_prompt` → done;
 * - Codex's `notify` program argument: `{type: 'agent-turn-complete', 'last-assistant-message'}` → done, with what it
 *   said last;
 * - Gemini CLI's hook input (`hook_event_name`): `BeforeAgent` → working; `AfterAgent` → done, with its
 *   `prompt_response`; `Notification` with `notification_type` `ToolPermission` → asking.
 * Anything else is not about attention and is ignored; a line that is not such an object is refused.
 */
import { GatewayError } from '../errors.ts';

export type AgentHook = { kind: 'working' } | { kind: 'done'; detail?: string } | { kind: 'asking'; detail?: string };

export interface HookCall {
  session: number;
  hook: AgentHook | null;
}

const MAX_DETAIL = 2000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, MAX_DETAIL) : undefined;

export function parseHookCall(line: string): HookCall {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new GatewayError('hook.invalid', 'a hook call is one JSON object');
  }
  if (!isObject(value) || !isObject(value.payload)) throw new GatewayError('hook.invalid', 'a hook call has a payload');
  const { session, agent, payload } = value;
  if (typeof session !== 'number' || !Number.isInteger(session) || session < 1) {
    throw new GatewayError('hook.invalid', 'a hook call names its session');
  }
  if (agent === 'claude') return { session, hook: claudeHook(payload) };
  if (agent === 'codex') return { session, hook: codexHook(payload) };
  if (agent === 'gemini') return { session, hook: geminiHook(payload) };
  throw new GatewayError('hook.invalid', 'a hook call comes from claude, codex or gemini');
}

function claudeHook(payload: Record<string, unknown>): AgentHook | null {
  switch (payload.hook_event_name) {
    case 'UserPromptSubmit':
      return { kind: 'working' };
    case 'Stop':
      return { kind: 'done' };
    case 'Notification': {
      const detail = text(payload.message);
      if (payload.notification_type === 'permission_prompt') return { kind: 'asking', ...(detail ? { detail } : {}) };
      if (payload.notification_type === 'idle_prompt') return { kind: 'done' };
      return null;
    }
    default:
      return null;
  }
}

function codexHook(payload: Record<string, unknown>): AgentHook | null {
  if (payload.type !== 'agent-turn-complete') return null;
  const detail = text(payload['last-assistant-message']);
  return { kind: 'done', ...(detail ? { detail } : {}) };
}

function geminiHook(payload: Record<string, unknown>): AgentHook | null {
  switch (payload.hook_event_name) {
    case 'BeforeAgent':
      return { kind: 'working' };
    case 'AfterAgent': {
      const detail = text(payload.prompt_response);
      return { kind: 'done', ...(detail ? { detail } : {}) };
    }
    case 'Notification': {
      if (payload.notification_type !== 'ToolPermission') return null;
      const detail = text(payload.message);
      return { kind: 'asking', ...(detail ? { detail } : {}) };
    }
    default:
      return null;
  }
}
