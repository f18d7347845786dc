/**
 * The agent instruction files a session's workdir gets: their default text comes from `@vibecode/schemas` (the
 * one source the web's new-session form shows too), built into the gateway (seed plan §4), merged with the
 * session's `agent_config`.
 */
import type { SessionCreate } from '@vibecode/schemas';

export { INSTRUCTION_FILES } from '@vibecode/schemas';

/**
 * The file's content: the template; the template plus the user's instructions (`instructions` alone); or only the
 * user's (`replace_defaults`, which the form sends when a person edited the text: an empty one means no file).
 */
export function mergeInstructions(template: string, config: SessionCreate['agent_config']): string {
  const extra = config?.instructions?.trim();
  if (config?.replace_defaults) return extra ? `${extra}\n` : '';
  if (!extra) return template;
  return `${template}\n## From the user\n${extra}\n`;
}
