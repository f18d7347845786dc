/**
 * The scene the attention files start from: a signed-in user whose local gateway (gateway.ts) runs one shell session
 * made through the API, which no browser has open, so a question it asks is nobody's yet (a question that comes
 * while someone watches starts seen). The test drives its tmux pane directly, as the session's program would.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type LocalGateway, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import type { SharedSystem } from './shared-system.ts';
import { createShellThroughApi } from './terminal-page.ts';

export interface UnwatchedShell {
  gateway: LocalGateway;
  /** The session's page. */
  sessionPath: string;
  /** What its pane shows now. */
  pane(): string;
  /** Types a line into its pane, then Enter. */
  typeLine(line: string): void;
}

export async function unwatchedShell(
  page: Page,
  system: SharedSystem,
  options: { email: string; vpsId: string; name: string; title: string; dir: string },
): Promise<UnwatchedShell> {
  const gateway = await signInWithLocalVps(page, system, { ...options, workspaceRoot: system.workspaceRoot });
  await waitUntilReady(page, system.origin, options.vpsId);
  const id = await createShellThroughApi(page, options.vpsId, options.title);
  const shell: UnwatchedShell = {
    gateway,
    sessionPath: `/vps/${options.vpsId}/sessions/${id}`,
    pane: () => gateway.tmux('capture-pane', '-p'),
    typeLine: (line) => {
      gateway.tmux('send-keys', '-l', line);
      gateway.tmux('send-keys', 'Enter');
    },
  };
  await expect.poll(shell.pane, { timeout: 30_000, interval: 250 }).toMatch(/[$#]\s*$/m);
  return shell;
}
