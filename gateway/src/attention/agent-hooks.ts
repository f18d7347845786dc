/**
 * How sessions' agents learn to call the gateway: the hook socket, and what the launcher (agents/launch.sh) passes
 * each agent — Claude Code a settings file whose hooks (`--settings`, merged with the user's own) run agents/hook.mjs
 * on UserPromptSubmit, Stop and Notification; Codex a `notify` program (`-c notify=[…]`, a TOML array, which JSON's
 * string array also is). They run hook.mjs with this gateway's own Node, so nothing needs to be on the session's PATH.
 * Gemini CLI has no such setting: its screen is all the gateway reads.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const CLAUDE_EVENTS = ['UserPromptSubmit', 'Stop', 'Notification'] as const;

/** Writes the Claude Code settings into the state dir and returns the sessions' environment for their hooks. */
export async function prepareAgentHooks(
  stateDir: string,
  agentsDir: string,
  socketPath: string,
): Promise<Record<string, string>> {
  const hook = join(agentsDir, 'hook.mjs');
  const run = (agent: string) => `${shellQuote(process.execPath)} ${shellQuote(hook)} ${agent}`;
  const settings = {
    hooks: Object.fromEntries(
      CLAUDE_EVENTS.map((event) => [event, [{ hooks: [{ type: 'command', command: run('claude'), timeout: 5 }] }]]),
    ),
  };
  const settingsPath = join(stateDir, 'claude-hooks.json');
  await writeFile(settingsPath, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  return {
    VIBE_HOOK_SOCKET: socketPath,
    VIBE_CLAUDE_SETTINGS: settingsPath,
    VIBE_CODEX_NOTIFY: JSON.stringify([process.execPath, hook, 'codex']),
  };
}

/** One word for sh, whatever the path holds. */
function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
