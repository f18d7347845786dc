/** Builds the test page with Vite (the same Svelte compiler and xterm bundle as the app) into a temp folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';

export async function buildHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'vibe-terminal-harness-'));
  // vitest sets NODE_ENV=test, which would make Vite resolve Svelte's development build; test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: false,
      root: join(import.meta.dirname, 'harness'),
      logLevel: 'warn',
      plugins: [svelte()],
      // The Terminal installs its test hook (`window.__vibeTerminal`) only in builds made with this flag.
      define: { 'import.meta.env.VITE_TERMINAL_TEST_HOOK': JSON.stringify('1') },
      build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
