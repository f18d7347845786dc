import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArtifactServer, serveArtifact } from './artifact-server.ts';

const bytes = Buffer.alloc(256 * 1024, 7);
const signature = Buffer.from([1, 2, 3, 4]);
let dir: string;
let server: ArtifactServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'droplet-artifact-'));
  writeFileSync(join(dir, 'r.tar.gz'), bytes);
  server = await serveArtifact({
    tarball: join(dir, 'r.tar.gz'),
    tarballName: 'r.tar.gz',
    signature,
    wrongKeySignature: Buffer.from([9, 9]),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string) => Buffer.from(await (await fetch(new URL(path, server.artifactUrl))).arrayBuffer());

describe('the artifact server', () => {
  it('serves the release and its signature, and nothing else', async () => {
    server.mode = 'good';
    expect(server.artifactUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/r\.tar\.gz$/);
    expect((await get('/r.tar.gz')).equals(bytes)).toBe(true);
    expect(await get('/r.tar.gz.sig')).toEqual(signature);
    expect((await fetch(new URL('/other', server.artifactUrl))).status).toBe(404);
    expect(server.requests).toEqual(['/r.tar.gz', '/r.tar.gz.sig', '/other']);
  });

  it('breaks the signature or the download on demand', async () => {
    server.mode = 'bad-signature';
    expect(await get('/r.tar.gz.sig')).toEqual(Buffer.from([1, 2, 3, 4 ^ 0xff]));
    server.mode = 'wrong-key';
    expect(await get('/r.tar.gz.sig')).toEqual(Buffer.from([9, 9]));
    server.mode = 'truncated';
    // The full length is announced and half of it sent: the client sees a cut connection.
    await expect(get('/r.tar.gz')).rejects.toThrow();
  });
});
