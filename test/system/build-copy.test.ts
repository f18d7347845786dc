/**
 * scripts/boot/web-build.mjs's `copyBuild`: what a local `wrangler dev` serves. Its bundle must read nothing of the
 * repository's web/, whose build output (web/.svelte-kit/) a `svelte-kit sync` or a build rewrites while the system
 * runs: `wrangler dev` re-bundles on such a change and drops every socket (a gateway's link went down mid-scenario
 * in test/system that way, with web's typecheck running beside it).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWeb, root, webBuildNeeded } from '../../scripts/boot/index.mjs';
import { copyBuild } from '../../scripts/boot/web-build.mjs';

const dir = mkdtempSync(join(tmpdir(), 'vibe-build-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the production build a local system serves', () => {
  it('is a copy whose worker reads only its own files and the packages', async () => {
    if (webBuildNeeded({ testHook: false, byAge: false })) buildWeb({ testHook: false });
    const copy = join(dir, 'web');
    const { worker, assets } = copyBuild(copy, false);

    expect(worker.startsWith(`${copy}/`)).toBe(true);
    expect(assets.startsWith(`${copy}/`)).toBe(true);
    expect(readdirSync(assets).length).toBeGreaterThan(0);
    // What wrangler's bundle of it reads (esbuild, as wrangler bundles): the copy's files and the packages.
    const { metafile } = await build({
      absWorkingDir: root,
      entryPoints: [worker],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      external: ['cloudflare:*', 'node:*'],
      logLevel: 'silent',
    });
    const read = Object.keys(metafile.inputs).map((input) => resolve(root, input));
    expect(read.filter((path) => path.startsWith(`${copy}/.svelte-kit/output/server/`)).length).toBeGreaterThan(0);
    const outside = read.filter((path) => !path.startsWith(`${copy}/`) && !path.startsWith(`${root}/node_modules/`));
    expect(outside).toEqual([]);
  });

  it('replaces an older copy whole: nothing of it stays beside the new one', () => {
    const copy = join(dir, 'again');
    const { assets } = copyBuild(copy, false);
    const stale = join(assets, 'stale-chunk.js');
    writeFileSync(stale, '');
    copyBuild(copy, false);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(join(copy, 'node_modules', 'devalue'))).toBe(true);
  });
});
