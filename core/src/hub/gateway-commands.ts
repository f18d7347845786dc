/**
 * The commands the Worker sends to the gateway through its hub: create, restart and end a session, answer its
 * prompt, manage SSH keys. Each
 * sends one frame over the hub's RPC to the gateway (`gateway-rpc.ts`) and waits (bounded by `timeoutMs`) for the
 * gateway's answer; a gateway error becomes a HubError with the gateway's own code.
 */
import {
  type AgentType,
  type KeyType,
  message,
  type ProtocolMessage,
  type SessionCreate,
  type SessionScreen,
  type SshKeys,
} from '@vibecode/schemas';
import { type GatewayRpc, request, throwIfGatewayError } from './gateway-rpc.ts';

export interface SessionCreateArgs {
  number: number;
  tmuxName: string;
  agentType: AgentType;
  workdir: string;
  /** The person's instructions for the workdir's CLAUDE.md / AGENTS.md, as the new-session form sent them. */
  agentConfig?: SessionCreate['agent_config'];
}

export type SshCommand =
  | { type: 'ssh.list' }
  | { type: 'ssh.revoke'; fingerprint: string }
  | { type: 'ssh.authorize'; public_key: string; label: string; key_type: KeyType; expires_at?: string };

/** `session.create` → waits for `session.started` (or the gateway's `session.error`). */
export async function createSession(gateway: GatewayRpc, args: SessionCreateArgs, timeoutMs: number): Promise<void> {
  await request(
    gateway,
    (ref) =>
      message('session.create', {
        session_id: args.number,
        tmux_name: args.tmuxName,
        agent_type: args.agentType,
        workdir: args.workdir,
        ...(args.agentConfig ? { agent_config: args.agentConfig } : {}),
        ref,
      }),
    'session.started',
    timeoutMs,
  );
}

/** An answer to a prompt: a choice it offers or a text, for the prompt with that fingerprint. */
export type PromptAnswer = { prompt_fingerprint: string } & ({ choice: string } | { text: string });

/**
 * `session.answer` → waits for `session.answered` with the ref, or the gateway's `session.error`
 * (`session.prompt_changed`: the screen shows another prompt now, nothing was typed).
 */
export async function answerPrompt(
  gateway: GatewayRpc,
  number: number,
  answer: PromptAnswer,
  timeoutMs: number,
): Promise<void> {
  await request(
    gateway,
    (ref) => message('session.answer', { session_id: number, ref, ...answer }),
    'session.answered',
    timeoutMs,
  );
}

/** `session.end` carries no ref: its answer is the `session.ended` (or a ref-less `session.error`) for that number. */
export async function endSession(gateway: GatewayRpc, number: number, timeoutMs: number): Promise<void> {
  const inbox = gateway.open(
    (msg) =>
      (msg.type === 'session.ended' || (msg.type === 'session.error' && msg.ref === undefined)) &&
      msg.session_id === number,
  );
  try {
    gateway.send(message('session.end', { session_id: number }));
    throwIfGatewayError(await inbox.next(timeoutMs));
  } finally {
    inbox.close();
  }
}

/** `session.restart` → waits for `session.started` (or the gateway's `session.error`) with the ref. */
export async function restartSession(gateway: GatewayRpc, number: number, timeoutMs: number): Promise<void> {
  await request(
    gateway,
    (ref) => message('session.restart', { session_id: number, ref }),
    'session.started',
    timeoutMs,
  );
}

/**
 * `session.capture` → the `session.screen` with the ref: the visible screen as plain text, and the seq it is current
 * as of. Read-only on the gateway: viewers see nothing of it.
 */
export async function captureScreen(gateway: GatewayRpc, number: number, timeoutMs: number): Promise<SessionScreen> {
  return request(
    gateway,
    (ref) => message('session.capture', { session_id: number, ref }),
    'session.screen',
    timeoutMs,
  );
}

/** Any `ssh.*` command → the `ssh.keys` the gateway answers with. */
export async function sshCommand(
  gateway: GatewayRpc,
  command: SshCommand,
  timeoutMs: number,
): Promise<SshKeys['keys']> {
  const reply = await request(
    gateway,
    (ref) => ({ ...command, schema_version: '1', ref }) as ProtocolMessage,
    'ssh.keys',
    timeoutMs,
  );
  return reply.keys;
}
