/**
 * What the new-session form sends as `agent_config`: the form shows the instruction file's default text for a
 * person to edit. Unchanged, nothing is sent and the gateway writes its own copy of that text. Edited, the text
 * replaces the defaults (`replace_defaults`), so the files say exactly what the person saw; emptied, no file is
 * written. Either way the gateway never replaces a file the workdir already has.
 */
import type { SessionCreate } from '@vibecode/schemas';

export type AgentConfig = NonNullable<SessionCreate['agent_config']>;

/** The schema's bound on `instructions`. */
export const INSTRUCTIONS_MAX = 65_536;

export function agentConfigFor(template: string, text: string): AgentConfig | undefined {
  if (text.trim() === template.trim()) return undefined;
  return { instructions: text, replace_defaults: true };
}
