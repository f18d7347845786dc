#!/usr/bin/env bash
# Installs the claude CLI (@anthropic-ai/claude-code) with npm, into npm's global prefix when it is writable, else ~/.local.
set -euo pipefail
prefix="$(npm config get prefix)"
if [ ! -w "$prefix" ] || { [ -d "$prefix/lib" ] && [ ! -w "$prefix/lib" ]; }; then
  prefix="$HOME/.local"
fi
echo "vibe: npm install -g --prefix $prefix @anthropic-ai/claude-code"
npm install -g --prefix "$prefix" @anthropic-ai/claude-code
