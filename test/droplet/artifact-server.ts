/**
 * The release host as the droplet sees it, on 127.0.0.1 (the root shares the host's network): the tarball at
 * `/<tarballName>` and its signature beside it (`.sig`), served as they are or broken in one of the ways the
 * install script must survive. The mode can change between requests; the URLs never do, so one user_data serves
 * every case.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ArtifactMode =
  /** The release and its signature. */
  | 'good'
  /** The right key's signature with one byte changed. */
  | 'bad-signature'
  /** The tarball's full Content-Length announced, the connection closed after half of it, on every attempt. */
  | 'truncated'
  /** A valid signature of the same tarball by a key the droplet does not trust. */
  | 'wrong-key';

export interface ArtifactServer {
  artifactUrl: string;
  mode: ArtifactMode;
  /** Paths requested, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function serveArtifact(release: {
  tarball: string;
  tarballName: string;
  signature: Buffer;
  wrongKeySignature: Buffer;
}): Promise<ArtifactServer> {
  const size = statSync(release.tarball).size;
  const badSignature = Buffer.from(release.signature);
  badSignature[badSignature.length - 1] = (badSignature.at(-1) ?? 0) ^ 0xff;
  const signatures: Record<ArtifactMode, Buffer> = {
    good: release.signature,
    truncated: release.signature,
    'bad-signature': badSignature,
    'wrong-key': release.wrongKeySignature,
  };
  const state: ArtifactServer = {
    artifactUrl: '',
    mode: 'good',
    requests: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    state.requests.push(path);
    if (req.method !== 'GET') {
      res.writeHead(405).end();
    } else if (path === `/${release.tarballName}.sig`) {
      const body = signatures[state.mode];
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
    } else if (path === `/${release.tarballName}`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
      if (state.mode === 'truncated') {
        createReadStream(release.tarball, { end: Math.floor(size / 2) - 1 })
          .on('end', () => res.destroy())
          .pipe(res, { end: false });
      } else {
        createReadStream(release.tarball)
          .on('error', () => res.destroy())
          .pipe(res);
      }
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.artifactUrl = `http://127.0.0.1:${port}/${release.tarballName}`;
  return state;
}
