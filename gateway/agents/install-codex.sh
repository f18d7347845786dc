#!/usr/bin/env bash
# Installs the codex CLI (@openai/codex) with npm, into npm's global prefix when it is writable, else ~/.local.
set -euo pipefail
prefix="$(npm config get prefix)"
if [ ! -w "$prefix" ] || { [ -d "$prefix/lib" ] && [ ! -w "$prefix/lib" ]; }; then
  prefix="$HOME/.local"
fi
echo "vibe: npm install -g --prefix $prefix @openai/codex"
npm install -g --prefix "$prefix" @openai/codex
