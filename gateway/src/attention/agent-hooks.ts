/**
 * How sessions' agents learn to call the gateway: the hook socket, and what the launcher (agents/launch.sh) passes
 * each agent — Claude Code a settings file whose hooks (`--settings`, merged with the user's own) run agents/hook.mjs
 * on UserPromptSubmit, Stop and Notification; Codex a `notify` program (`-c notify=[…]`, a TOML array, which JSON's
 * string array also is); Gemini CLI a system-defaults settings file (`GEMINI_CLI_SYSTEM_DEFAULTS_PATH`, the layer
 * under the user's own settings, so nothing of theirs is overridden) whose hooks run hook.mjs on BeforeAgent,
 * AfterAgent and Notification. They run hook.mjs with this gateway's own Node, so nothing needs to be on the session's
 * PATH, and nothing is written into the user's own agent settings.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const CLAUDE_EVENTS = ['UserPromptSubmit', 'Stop', 'Notification'] as const;
const GEMINI_EVENTS = ['BeforeAgent', 'AfterAgent', 'Notification'] as const;
/** Claude Code counts a hook's timeout in seconds, Gemini CLI in milliseconds; hook.mjs is done within 4 s. */
const HOOK_TIMEOUT_S = 5;

type HookSettings = { hooks: Record<string, { hooks: { type: 'command'; command: string; timeout: number }[] }[]> };

function hookSettings(events: readonly string[], command: string, timeout: number): HookSettings {
  return {
    hooks: Object.fromEntries(events.map((event) => [event, [{ hooks: [{ type: 'command', command, timeout }] }]])),
  };
}

async function writeSettings(path: string, settings: HookSettings): Promise<void> {
  await writeFile(path, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
}

/** Writes the Claude Code and Gemini CLI settings into the state dir; returns the sessions' environment for hooks. */
export async function prepareAgentHooks(
  stateDir: string,
  agentsDir: string,
  socketPath: string,
): Promise<Record<string, string>> {
  const hook = join(agentsDir, 'hook.mjs');
  const run = (agent: string) => `${shellQuote(process.execPath)} ${shellQuote(hook)} ${agent}`;
  const claudeSettings = join(stateDir, 'claude-hooks.json');
  const geminiSettings = join(stateDir, 'gemini-hooks.json');
  await writeSettings(claudeSettings, hookSettings(CLAUDE_EVENTS, run('claude'), HOOK_TIMEOUT_S));
  await writeSettings(geminiSettings, hookSettings(GEMINI_EVENTS, run('gemini'), HOOK_TIMEOUT_S * 1000));
  return {
    VIBE_HOOK_SOCKET: socketPath,
    VIBE_CLAUDE_SETTINGS: claudeSettings,
    VIBE_CODEX_NOTIFY: JSON.stringify([process.execPath, hook, 'codex']),
    VIBE_GEMINI_SETTINGS: geminiSettings,
  };
}

/** One word for sh, whatever the path holds. */
function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
