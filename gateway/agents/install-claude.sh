#!/usr/bin/env bash
# Installs the claude CLI (@anthropic-ai/claude-code) with npm into the user's own prefix, ~/.local (its bin is first on the
# session's PATH): never into a system folder, whoever's npm runs it.
set -euo pipefail
prefix="$HOME/.local"
echo "vibe: npm install -g --prefix $prefix @anthropic-ai/claude-code"
npm install -g --prefix "$prefix" @anthropic-ai/claude-code
