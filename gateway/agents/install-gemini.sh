#!/usr/bin/env bash
# Installs the gemini CLI (@google/gemini-cli) with npm into the user's own prefix, ~/.local (its bin is first on the
# session's PATH): never into a system folder, whoever's npm runs it.
set -euo pipefail
prefix="$HOME/.local"
echo "vibe: npm install -g --prefix $prefix @google/gemini-cli"
npm install -g --prefix "$prefix" @google/gemini-cli
