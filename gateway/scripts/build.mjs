#!/usr/bin/env node
/**
 * The release bundle: `dist/vibe-gateway.mjs` (one ESM file, Node 20) plus `dist/agents/` (the launcher and
 * installer scripts). node-pty is native and stays external: install it beside the bundle
 * (`npm install node-pty@1.1.0` in the release folder). Usage: node scripts/build.mjs [outdir]
 */
import { chmodSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outdir = resolve(process.argv[2] ?? join(root, 'dist'));
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, 'vibe-gateway.mjs');

await build({
  entryPoints: [join(root, 'src', 'cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // ws loads these optional native speed-ups inside try/catch; without them it uses its JS fallbacks.
  external: ['node-pty', 'bufferutil', 'utf-8-validate'],
  // Bundled CommonJS (ws) calls require() for Node built-ins; ESM has none, so give it one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __vibeCreateRequire } from 'node:module';\nconst require = __vibeCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
cpSync(join(root, 'agents'), join(outdir, 'agents'), { recursive: true });
process.stdout.write(`built ${outfile}\n`);
