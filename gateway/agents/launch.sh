#!/usr/bin/env bash
# Runs an agent CLI in its session's terminal, installing it first when it is missing. The install's output goes
# to a log file ($2), not the terminal: when the agent cannot start, the user reads ONE plain line saying what
# happened, what to do and where the details are, and the launcher exits non-zero, so the session stays, exited,
# with that line on its screen until the user restarts or ends it.
set -u
agent="${1:-}"
log="${2:-}"
say() { printf 'vibe: %s\n' "$*"; }

case "$agent" in
  claude | codex | gemini) ;;
  *)
    say "this session asks for an unknown agent ('$agent'); end it and create a new one."
    exit 2
    ;;
esac
[ -n "$log" ] || log="$HOME/.vibe-gateway/agents/$agent-install.log"
here="$(cd "$(dirname "$0")" && pwd)"
export PATH="$HOME/.local/bin:$PATH"

# What went wrong with an install, in words, from its exit code and log.
install_failure() {
  local code="$1"
  if [ "$code" -eq 127 ] || grep -q 'npm: command not found' "$log" 2>/dev/null; then
    echo "could not install $agent: npm is missing on this server. Install Node.js and npm, then press Restart."
  elif grep -Eqi 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network' "$log" 2>/dev/null; then
    echo "could not install $agent: this server cannot reach the internet. Check its network, then press Restart."
  else
    echo "could not install $agent: its installer failed. Press Restart to try again."
  fi
}

# Whether the agent has credentials it can start with (a sign-in it saved, or an API key in the environment).
signed_in() {
  case "$agent" in
    claude) [ -n "${ANTHROPIC_API_KEY:-}" ] || [ -s "$HOME/.claude/.credentials.json" ] ;;
    codex) [ -n "${OPENAI_API_KEY:-}" ] || [ -s "$HOME/.codex/auth.json" ] ;;
    gemini) [ -n "${GEMINI_API_KEY:-}" ] || [ -n "${GOOGLE_API_KEY:-}" ] || [ -s "$HOME/.gemini/oauth_creds.json" ] ;;
  esac
}

if ! command -v "$agent" >/dev/null 2>&1; then
  mkdir -p "$(dirname "$log")"
  say "installing $agent, this takes a minute (details: $log)"
  # One attempt per log: the file holds the last install only, so it stays small.
  bash "$here/install-$agent.sh" >"$log" 2>&1
  code=$?
  if [ "$code" -ne 0 ]; then
    say "$(install_failure "$code") Details: $log"
    exit 1
  fi
  hash -r
  if ! command -v "$agent" >/dev/null 2>&1; then
    say "could not install $agent: it installed but cannot be found. Press Restart to try again. Details: $log"
    exit 1
  fi
fi

# The agent's own hooks tell the gateway when it works, asks and finishes: Claude Code through a settings file,
# Codex through its notify program, Gemini CLI through its system-defaults settings file unless the user names one of
# their own (the gateway sets all three; gateway/src/attention/agent-hooks.ts).
hook_args=()
case "$agent" in
  claude) [ -n "${VIBE_CLAUDE_SETTINGS:-}" ] && hook_args=(--settings "$VIBE_CLAUDE_SETTINGS") ;;
  codex) [ -n "${VIBE_CODEX_NOTIFY:-}" ] && hook_args=(-c "notify=$VIBE_CODEX_NOTIFY") ;;
  gemini)
    if [ -n "${VIBE_GEMINI_SETTINGS:-}" ] && [ -z "${GEMINI_CLI_SYSTEM_DEFAULTS_PATH:-}" ]; then
      export GEMINI_CLI_SYSTEM_DEFAULTS_PATH="$VIBE_GEMINI_SETTINGS"
    fi
    ;;
esac

# Not exec: when the agent stops with an error, one more line can say what to do about a missing sign-in.
"$agent" "${hook_args[@]}"
code=$?
if [ "$code" -ne 0 ] && ! signed_in; then
  say "$agent stopped (code $code) and is not signed in: press Restart and sign in when it asks."
fi
exit "$code"
