/**
 * Fault: the disk fills up during an upload. The gateway runs in a private mount namespace (`unshare`, as root)
 * where the session workdir is a 256 KiB tmpfs, so writes fail with a real ENOSPC and the host's mounts are never
 * touched. The namespace's files are read through `/proc/<gateway pid>/root`, which resolves paths in its mounts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_CHUNK_BYTES, FILE_MAX_IN_FLIGHT } from '@vibecode/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHub } from './hub.ts';
import { rigEnv } from './rig.ts';
import { BIN, createSandbox, type GatewayProcess, type Sandbox, startGateway } from './sandbox.ts';

const FOLDER_SIZE = '256k';
// Runs inside the new mount namespace: the tmpfs exists only there and goes with the namespace's last process.
const MOUNT_THEN_RUN = 'set -e; mount -t tmpfs -o size="$2",mode=0755 tmpfs "$1"; shift 2; exec "$@"';

describe('fault: the disk fills up during an upload', () => {
  let hub: TestHub;
  let sandbox: Sandbox;
  let gw: GatewayProcess;
  let workdir: string;
  /** A path of the gateway's mount namespace, as this process can read it. */
  const inside = (path: string) => join('/proc', String(gw.child.pid), 'root', path);
  const freeBytes = () => {
    const fs = statfsSync(inside(workdir));
    return fs.bavail * fs.bsize;
  };

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('this test mounts a tmpfs in its own namespace: run it as root');
    hub = await TestHub.start();
    sandbox = createSandbox();
    workdir = join(sandbox.workspace, 'small');
    mkdirSync(workdir);
    const command = ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', MOUNT_THEN_RUN, 'fault-mount'];
    gw = startGateway(sandbox, hub.url, rigEnv('gw_disk'), [...command, workdir, FOLDER_SIZE, process.execPath, BIN]);
    await hub.event('gateway.hello');
    const since = hub.mark();
    hub.send('session.create', { session_id: 1, tmux_name: 'd1', agent_type: 'shell', workdir });
    await hub.event('session.started', { since });
  });

  afterAll(async () => {
    await gw?.stop('SIGKILL');
    await hub?.stop();
    await sandbox?.cleanup();
  });

  /** Uploads `data` as the hub does (at most 4 chunks unacked) until the gateway answers done or file.error. */
  async function upload(destPath: string, data: Buffer, ref: string) {
    const since = hub.mark();
    hub.send('file.upload.begin', { session_id: 1, filename: destPath, dest_path: destPath, size: data.length, ref });
    const { upload_id } = await hub.event('file.upload.ready', { since, match: (m) => m.ref === ref });
    const outcome = hub.waitFor(
      (r) =>
        r.kind === 'text' &&
        ((r.msg.type === 'file.upload.done' && r.msg.upload_id === upload_id) ||
          (r.msg.type === 'file.error' && r.msg.upload_id === upload_id)),
      { since, what: `the outcome of upload ${ref}` },
    );
    const chunks = Math.ceil(data.length / FILE_CHUNK_BYTES);
    const acked = (seq: number) =>
      hub.waitFor(
        (r) =>
          r.kind === 'text' &&
          ((r.msg.type === 'file.upload.ack' && r.msg.upload_id === upload_id && r.msg.seq === seq) ||
            (r.msg.type === 'file.error' && r.msg.upload_id === upload_id)),
        { since, what: `ack ${seq}` },
      );
    for (let seq = 0; seq < chunks; seq++) {
      if (seq >= FILE_MAX_IN_FLIGHT) await acked(seq - FILE_MAX_IN_FLIGHT);
      const part = data.subarray(seq * FILE_CHUNK_BYTES, (seq + 1) * FILE_CHUNK_BYTES);
      hub.send('file.upload.chunk', { upload_id, seq, data_b64: part.toString('base64') });
    }
    hub.send('file.upload.end', { upload_id, sha256: createHash('sha256').update(data).digest('hex') });
    const done = await outcome;
    return done.kind === 'text' ? done.msg : undefined;
  }

  it('runs the session in the small folder, which only the gateway sees', () => {
    expect(readdirSync(inside(workdir)).sort()).toEqual(['AGENTS.md', 'CLAUDE.md']);
    expect(readdirSync(workdir)).toEqual([]);
    expect(freeBytes()).toBeLessThan(256 * 1024);
  });

  it('answers file.error file.no_space when a write fails, and keeps neither the file nor its temp file', async () => {
    const free = freeBytes();
    const outcome = await upload('big.bin', randomBytes(1024 * 1024), 'big');
    expect(outcome).toMatchObject({ type: 'file.error', ref: 'big', error: { code: 'file.no_space' } });
    expect(readdirSync(inside(workdir)).sort()).toEqual(['AGENTS.md', 'CLAUDE.md']);
    expect(freeBytes()).toBe(free);
  });

  it('refuses a file whose last chunk fits only in part: a short write is no success', async () => {
    // write(2) stores what still fits and returns that count without an error; only the next write says ENOSPC.
    const free = freeBytes();
    const outcome = await upload('almost.bin', randomBytes(free + 4096), 'almost');
    expect(outcome).toMatchObject({ type: 'file.error', ref: 'almost', error: { code: 'file.no_space' } });
    expect(readdirSync(inside(workdir)).sort()).toEqual(['AGENTS.md', 'CLAUDE.md']);
    expect(freeBytes()).toBe(free);
  });

  it('takes a file that fits once the failed ones are gone', async () => {
    const data = randomBytes(FILE_CHUNK_BYTES + 100);
    expect(await upload('fits.bin', data, 'fits')).toMatchObject({ type: 'file.upload.done', size: data.length });
    expect(readFileSync(inside(join(workdir, 'fits.bin'))).equals(data)).toBe(true);
  });
});
