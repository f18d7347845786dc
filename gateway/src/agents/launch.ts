/**
 * What a session runs for each agent type: bash for `shell`, else the agent's launcher (which installs it if
 * missing, writing the install's output to a log under the gateway's state dir).
 */
import { join } from 'node:path';
import type { SessionCreate } from '@vibecode/schemas';

export function agentCommand(
  agentType: SessionCreate['agent_type'],
  agentsDir: string,
  logDir: string,
): string[] | undefined {
  if (agentType === 'shell') return undefined;
  return ['bash', join(agentsDir, 'launch.sh'), agentType, join(logDir, `${agentType}-install.log`)];
}
