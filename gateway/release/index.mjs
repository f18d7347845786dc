/**
 * The gateway release builder's public entry (plain ESM, no tsx: `npm start` and the CLI import it as it is).
 * Import as `@vibecode/gateway/release`; types in index.d.mts.
 */
export { defaultOutDir, ensureRelease, tarballName } from './ensure.mjs';
export { ReleaseError } from './errors.mjs';
export { serveFiles, serveLocalRelease } from './serve.mjs';
export { parseSigningKey, publicKeyPem, signRelease } from './sign.mjs';
export { writeTarball } from './tarball.mjs';
