#!/usr/bin/env node
/**
 * `npm run release:gateway` → dist/gateway/: the tarball, its signature and manifest.json.
 * Usage: node gateway/release/cli.mjs [--out-dir DIR] [--version X.Y.Z]; the key comes from GATEWAY_SIGNING_KEY.
 */
import { parseArgs } from 'node:util';
import { ensureRelease, parseSigningKey, ReleaseError, signRelease } from './index.mjs';

try {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' }, version: { type: 'string' } } });
  const key = process.env.GATEWAY_SIGNING_KEY;
  // Checked before building: a missing key must not leave an unsigned release behind.
  parseSigningKey(key);
  const started = Date.now();
  const release = await ensureRelease({ outDir: values['out-dir'], version: values.version });
  const sig = await signRelease(release.tarball, /** @type {string} */ (key));
  const mb = (release.manifest.size / 1024 / 1024).toFixed(1);
  const how = release.built ? `built in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'unchanged, reused';
  process.stdout.write(`${release.tarball} (${mb} MiB, ${how})\n${sig}\n${release.dir}/manifest.json\n`);
} catch (e) {
  const code = e instanceof ReleaseError ? ` [${e.code}]` : '';
  process.stderr.write(`release:gateway: ${/** @type {Error} */ (e).message}${code}\n`);
  process.exit(1);
}
