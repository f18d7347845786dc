/**
 * The gateway as one ESM file for Node 20 (ws, the ajv validators and the templates inlined). node-pty is native
 * and stays external: the release carries it in `lib/node_modules/` beside the bundle, where Node's resolution
 * finds it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, transform } from 'esbuild';
import { gatewayDir, repoRoot } from './inputs.mjs';

const packageJson = join(gatewayDir, 'package.json');

/** The version in gateway/package.json: a release's version unless the caller overrides it. */
export function packageVersion() {
  return JSON.parse(readFileSync(packageJson, 'utf8')).version;
}

/** The protocol's `SCHEMA_VERSION`, read from its one source (schemas/src/limits.ts) without tsx. */
export async function schemaVersion() {
  const source = readFileSync(join(repoRoot, 'schemas', 'src', 'limits.ts'), 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return String(mod.SCHEMA_VERSION);
}

/**
 * Writes the bundle to `outfile`. `version` replaces the package.json the gateway reads its version from (only
 * the version goes into the bundle), so a test can build a "newer" release from the same sources.
 * @param {string} outfile
 * @param {string} version
 */
export async function bundleGateway(outfile, version) {
  await build({
    absWorkingDir: repoRoot,
    entryPoints: [join(gatewayDir, 'src', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // ws loads these optional native speed-ups inside try/catch; without them it uses its JS fallbacks.
    external: ['node-pty', 'bufferutil', 'utf-8-validate'],
    // Bundled CommonJS (ws) calls require() for Node built-ins; ESM has none, so give it one.
    banner: {
      js: "import { createRequire as __vibeCreateRequire } from 'node:module';\nconst require = __vibeCreateRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'vibe-version',
        setup(b) {
          b.onLoad({ filter: /[\\/]package\.json$/ }, (args) =>
            args.path === packageJson ? { contents: JSON.stringify({ version }), loader: 'json' } : undefined,
          );
        },
      },
    ],
    legalComments: 'none',
    // Whitespace and syntax only (names stay, so stack traces still read): the source stays in the heap for
    // lazy compilation, and 0.9 MB → 0.55 MB of it measured ~1 MiB less RSS.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
}
