#!/usr/bin/env bash
# Runs an agent CLI in its session's terminal. When the CLI is missing, its installer runs right here, so the
# user watches the install; if that fails the terminal drops to a shell instead of vanishing.
set -u
agent="${1:-}"
case "$agent" in
  claude | codex | gemini) ;;
  *)
    echo "vibe: unknown agent '$agent'" >&2
    exit 2
    ;;
esac
here="$(cd "$(dirname "$0")" && pwd)"
export PATH="$HOME/.local/bin:$PATH"
if ! command -v "$agent" >/dev/null 2>&1; then
  echo "vibe: $agent is not installed yet; installing it now."
  if ! bash "$here/install-$agent.sh"; then
    echo "vibe: installing $agent failed; you are in a shell, try again with: bash $here/install-$agent.sh"
    exec bash
  fi
  hash -r
fi
exec "$agent"
