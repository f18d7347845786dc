import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_CHUNK_BYTES, FILE_MAX_BYTES } from '@vibecode/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHub } from './hub.ts';
import { createSandbox, type GatewayProcess, type Sandbox, startGateway } from './sandbox.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('file transfers', () => {
  let hub: TestHub;
  let sandbox: Sandbox;
  let gw: GatewayProcess;
  let workdir: string;

  beforeAll(async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
    gw = startGateway(sandbox, hub.url, {
      VIBE_GATEWAY_CREDENTIAL: 'cred-secret',
      VIBE_GATEWAY_ID: 'gw_f',
      VIBE_FILE_TIMEOUT_S: '2',
    });
    await hub.event('gateway.hello');
    workdir = join(sandbox.workspace, 'files');
    const since = hub.mark();
    hub.send('session.create', { session_id: 1, tmux_name: 'f1', agent_type: 'shell', workdir });
    await hub.event('session.started', { since });
  });

  afterAll(async () => {
    await gw?.stop('SIGKILL');
    await hub?.stop();
    await sandbox?.cleanup();
  });

  const leftovers = () =>
    readdirSync(workdir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.vibe-upload'));

  async function begin(destPath: string, size: number, ref: string): Promise<string> {
    const since = hub.mark();
    hub.send('file.upload.begin', { session_id: 1, filename: 'x', dest_path: destPath, size, ref });
    return (await hub.event('file.upload.ready', { since, match: (m) => m.ref === ref })).upload_id;
  }

  /** Sends chunks keeping at most 4 unacked, as the hub does. */
  async function upload(destPath: string, data: Buffer, ref: string) {
    const uploadId = await begin(destPath, data.byteLength, ref);
    const since = hub.mark();
    const chunks = Math.ceil(data.byteLength / FILE_CHUNK_BYTES);
    for (let seq = 0; seq < chunks; seq++) {
      if (seq >= 4)
        await hub.event('file.upload.ack', { since, match: (m) => m.upload_id === uploadId && m.seq === seq - 4 });
      const part = data.subarray(seq * FILE_CHUNK_BYTES, (seq + 1) * FILE_CHUNK_BYTES);
      hub.send('file.upload.chunk', { upload_id: uploadId, seq, data_b64: part.toString('base64') });
    }
    hub.send('file.upload.end', { upload_id: uploadId, sha256: sha256(data) });
    return hub.event('file.upload.done', { since, match: (m) => m.upload_id === uploadId });
  }

  it('uploads in chunks into a new subfolder, verifies size and reports the sha256', async () => {
    const data = randomBytes(FILE_CHUNK_BYTES * 5 + 1234);
    const done = await upload('sub/dir/blob.bin', data, 'u1');
    expect(done).toMatchObject({ path: 'sub/dir/blob.bin', size: data.byteLength, sha256: sha256(data) });
    expect(readFileSync(join(workdir, 'sub/dir/blob.bin')).equals(data)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('uploads an empty file', async () => {
    const done = await upload('empty.txt', Buffer.alloc(0), 'u-empty');
    expect(done.size).toBe(0);
    expect(readFileSync(join(workdir, 'empty.txt')).byteLength).toBe(0);
  });

  it.each(['../escape.txt', '/etc/passwd', 'a/../../x', 'dir/'])('refuses dest_path %j', async (destPath) => {
    const since = hub.mark();
    hub.send('file.upload.begin', { session_id: 1, filename: 'x', dest_path: destPath, size: 1, ref: 'bad' });
    const e = await hub.event('file.error', { since });
    expect(e).toMatchObject({ session_id: 1, ref: 'bad', error: { code: 'file.path_invalid' } });
  });

  it('refuses paths that escape through a symlink, both ways', async () => {
    const outside = join(sandbox.dir, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    symlinkSync(outside, join(workdir, 'out'));
    symlinkSync(join(outside, 'secret.txt'), join(workdir, 'secret-link'));
    let since = hub.mark();
    hub.send('file.upload.begin', { session_id: 1, filename: 'x', dest_path: 'out/new.txt', size: 1, ref: 's1' });
    expect((await hub.event('file.error', { since })).error.code).toBe('file.path_invalid');
    expect(readdirSync(outside)).toEqual(['secret.txt']);
    since = hub.mark();
    hub.send('file.upload.begin', {
      session_id: 1,
      filename: 'x',
      dest_path: 'out/deeper/new.txt',
      size: 1,
      ref: 's2',
    });
    expect((await hub.event('file.error', { since })).error.code).toBe('file.path_invalid');
    expect(readdirSync(outside)).toEqual(['secret.txt']);
    since = hub.mark();
    hub.send('file.download', { session_id: 1, path: 'secret-link', ref: 's3' });
    expect((await hub.event('file.error', { since })).error.code).toBe('file.path_invalid');
  });

  it('refuses more bytes than declared with file.too_large and leaves nothing behind', async () => {
    const uploadId = await begin('small.txt', 10, 'big');
    const since = hub.mark();
    hub.send('file.upload.chunk', { upload_id: uploadId, seq: 0, data_b64: Buffer.alloc(20).toString('base64') });
    const e = await hub.event('file.error', { since });
    expect(e).toMatchObject({ upload_id: uploadId, error: { code: 'file.too_large' } });
    expect(leftovers()).toEqual([]);
  });

  it('refuses a declared size over 20 MiB before opening anything', async () => {
    const since = hub.mark();
    hub.send('file.upload.begin', { session_id: 1, filename: 'x', dest_path: 'huge', size: FILE_MAX_BYTES + 1 });
    const e = await hub.event('error', { since });
    expect(e).toMatchObject({ code: 'protocol.schema', path: '/size' });
  });

  it('rejects a short upload at end with file.size_mismatch', async () => {
    const uploadId = await begin('short.txt', 10, 'short');
    const since = hub.mark();
    hub.send('file.upload.chunk', { upload_id: uploadId, seq: 0, data_b64: Buffer.from('abc').toString('base64') });
    hub.send('file.upload.end', { upload_id: uploadId, sha256: sha256(Buffer.from('abc')) });
    expect((await hub.event('file.error', { since })).error.code).toBe('file.size_mismatch');
    expect(leftovers()).toEqual([]);
    expect(readdirSync(workdir)).not.toContain('short.txt');
  });

  it('removes the temp file on abort', async () => {
    const uploadId = await begin('aborted.txt', 10, 'ab');
    const since = hub.mark();
    hub.send('file.upload.chunk', { upload_id: uploadId, seq: 0, data_b64: Buffer.from('abcde').toString('base64') });
    await hub.event('file.upload.ack', { since });
    expect(leftovers()).toHaveLength(1);
    hub.send('file.upload.abort', { upload_id: uploadId });
    await sleep(200);
    expect(leftovers()).toEqual([]);
  });

  it('cancels an upload that runs past the time limit and removes its temp file', async () => {
    const uploadId = await begin('slow.txt', 10, 'slow');
    const since = hub.mark();
    hub.send('file.upload.chunk', { upload_id: uploadId, seq: 0, data_b64: Buffer.from('abc').toString('base64') });
    const e = await hub.event('file.error', { since, timeoutMs: 5000 });
    expect(e).toMatchObject({ upload_id: uploadId, ref: 'slow', error: { code: 'file.timeout' } });
    expect(leftovers()).toEqual([]);
  });

  it('downloads with at most 4 chunks in flight and a matching sha256', async () => {
    const data = randomBytes(FILE_CHUNK_BYTES * 6 + 77);
    writeFileSync(join(workdir, 'down.bin'), data);
    const since = hub.mark();
    hub.send('file.download', { session_id: 1, path: './down.bin', ref: 'd1' });
    const begun = await hub.event('file.content.begin', { since });
    expect(begun).toMatchObject({ filename: 'down.bin', size: data.byteLength, ref: 'd1' });
    await sleep(300);
    const chunksNow = () =>
      hub.records.slice(since).filter((r) => r.kind === 'text' && r.msg.type === 'file.content.chunk').length;
    expect(chunksNow()).toBe(4);
    hub.send('file.download.ack', { download_id: begun.download_id, seq: 3 });
    const end = await hub.event('file.content.end', { since });
    const parts = hub.records
      .slice(since)
      .flatMap((r) => (r.kind === 'text' && r.msg.type === 'file.content.chunk' ? [r.msg] : []));
    expect(parts.map((p) => p.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const got = Buffer.concat(parts.map((p) => Buffer.from(p.data_b64, 'base64')));
    expect(got.equals(data)).toBe(true);
    expect(end.sha256).toBe(sha256(data));
  });

  it('refuses to download a file over 20 MiB, a missing file and a folder', async () => {
    const big = join(workdir, 'big.bin');
    writeFileSync(big, '');
    truncateSync(big, FILE_MAX_BYTES + 1);
    for (const [path, code] of [
      ['big.bin', 'file.too_large'],
      ['missing.txt', 'file.not_found'],
      ['sub', 'file.path_invalid'],
    ]) {
      const since = hub.mark();
      hub.send('file.download', { session_id: 1, path: path as string });
      expect((await hub.event('file.error', { since })).error.code).toBe(code);
    }
  });

  it('drops an unfinished upload when the link goes down', async () => {
    const uploadId = await begin('dropped.txt', 10, 'drop');
    const since = hub.mark();
    hub.send('file.upload.chunk', { upload_id: uploadId, seq: 0, data_b64: Buffer.from('abc').toString('base64') });
    await hub.event('file.upload.ack', { since });
    const conn = hub.connections;
    hub.dropLink();
    await hub.waitForConnection(conn + 1);
    await sleep(100);
    expect(leftovers()).toEqual([]);
  });

  it('answers a transfer for an unknown session with file.error session.not_found', async () => {
    const since = hub.mark();
    hub.send('file.download', { session_id: 99, path: 'x', ref: 'nos' });
    expect(await hub.event('file.error', { since })).toMatchObject({
      session_id: 99,
      ref: 'nos',
      error: { code: 'session.not_found' },
    });
  });
});
