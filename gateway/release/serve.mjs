/**
 * Serving gateway releases on a loopback address: what `npm start` and the tests that boot localcloud droplets
 * install from (a real droplet downloads from the operator's https host).
 *   - `serveFiles`: a tiny static server for exactly the files it is given (GET and HEAD, with Content-Length);
 *     no directory listing, no path from a request ever reaches the file system.
 *   - `serveLocalRelease`: the release built (or reused) by `ensureRelease`, signed with the caller's key into the
 *     caller's folder (parallel runs with their own keys never overwrite each other's signature), served as
 *     `/<tarball>`, `/<tarball>.sig` and `/manifest.json`.
 */
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { ensureRelease } from './ensure.mjs';
import { publicKeyPem, signRelease } from './sign.mjs';

/**
 * @param {Record<string, string>} files URL path (e.g. `/vibe-gateway-0.1.0-linux-x64.tar.gz`) → file on disk
 * @param {{ host?: string, port?: number }} [options] default 127.0.0.1 and a free port
 * @returns {Promise<import('./serve.d.mts').FileServer>}
 */
export async function serveFiles(files, options = {}) {
  const host = options.host ?? '127.0.0.1';
  const table = new Map(Object.entries(files));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = table.get(path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || file === undefined) {
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405).end();
      return;
    }
    let size;
    try {
      size = statSync(file).size;
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * @param {import('./serve.d.mts').LocalReleaseOptions} options
 * @returns {Promise<import('./serve.d.mts').LocalRelease>}
 */
export async function serveLocalRelease({ privateKeyPem, signatureDir, outDir, version, host, port }) {
  const publicKey = publicKeyPem(privateKeyPem);
  const release = await ensureRelease({ outDir, version });
  mkdirSync(signatureDir, { recursive: true });
  const signature = await signRelease(release.tarball, privateKeyPem, join(signatureDir, `${release.tarballName}.sig`));
  const server = await serveFiles(
    {
      [`/${release.tarballName}`]: release.tarball,
      [`/${release.tarballName}.sig`]: signature,
      '/manifest.json': join(release.dir, 'manifest.json'),
    },
    { host, port },
  );
  return {
    ...server,
    release,
    artifactUrl: `${server.url}/${release.tarballName}`,
    manifestUrl: `${server.url}/manifest.json`,
    publicKeyPem: publicKey,
  };
}
