/**
 * The commands the Worker sends to the gateway through its hub: create and end a session, manage SSH keys. Each
 * sends one frame over the channel and waits (bounded by `timeoutMs`) for the gateway's answer; a gateway error
 * becomes a HubError with the gateway's own code.
 */
import { type AgentType, type KeyType, message, type ProtocolMessage, type SshKeys } from '@vibecode/schemas';
import { type GatewayChannel, request, throwIfGatewayError } from './gateway-channel.ts';

export interface SessionCreateArgs {
  number: number;
  tmuxName: string;
  agentType: AgentType;
  workdir: string;
}

export type SshCommand =
  | { type: 'ssh.list' }
  | { type: 'ssh.revoke'; fingerprint: string }
  | { type: 'ssh.authorize'; public_key: string; label: string; key_type: KeyType; expires_at?: string };

/** `session.create` → waits for `session.started` (or the gateway's `session.error`). */
export async function createSession(
  channel: GatewayChannel,
  args: SessionCreateArgs,
  timeoutMs: number,
): Promise<void> {
  await request(
    channel,
    (ref) =>
      message('session.create', {
        session_id: args.number,
        tmux_name: args.tmuxName,
        agent_type: args.agentType,
        workdir: args.workdir,
        ref,
      }),
    'session.started',
    timeoutMs,
  );
}

/** `session.end` carries no ref: its answer is the `session.ended` (or a ref-less `session.error`) for that number. */
export async function endSession(channel: GatewayChannel, number: number, timeoutMs: number): Promise<void> {
  const inbox = channel.open(
    (msg) =>
      (msg.type === 'session.ended' || (msg.type === 'session.error' && msg.ref === undefined)) &&
      msg.session_id === number,
  );
  try {
    channel.send(message('session.end', { session_id: number }));
    throwIfGatewayError(await inbox.next(timeoutMs));
  } finally {
    inbox.close();
  }
}

/** Any `ssh.*` command → the `ssh.keys` the gateway answers with. */
export async function sshCommand(
  channel: GatewayChannel,
  command: SshCommand,
  timeoutMs: number,
): Promise<SshKeys['keys']> {
  const reply = await request(
    channel,
    (ref) => ({ ...command, schema_version: '1', ref }) as ProtocolMessage,
    'ssh.keys',
    timeoutMs,
  );
  return reply.keys;
}
