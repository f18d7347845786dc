import { join } from 'node:path';

/** The repository's root: wrangler.toml, the workspaces and node_modules/.bin are found from it. */
export const root = join(import.meta.dirname, '..', '..');
export const wranglerBin = join(root, 'node_modules', '.bin', 'wrangler');
