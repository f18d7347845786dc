/**
 * The gateway's own checks (issue 14 point 7), through a real gateway process, tmux and file system: a workdir tmux
 * would expand, an upload whose bytes differ from what was sent, the folders a failed upload made, what a killed
 * gateway's uploads left, and a download of something that is not a regular file.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatewayRig, rigEnv } from './rig.ts';
import { startGateway } from './sandbox.ts';

const GATEWAY_ID = 'gw_hard';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Waits for a state on disk that the gateway reaches after a command it does not answer. */
async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('gateway defence in depth', () => {
  const rig = gatewayRig(GATEWAY_ID);
  let workdir: string;

  beforeAll(async () => {
    workdir = join(rig.sandbox.workspace, 'hard');
    const since = rig.hub.mark();
    rig.hub.send('session.create', { session_id: 1, tmux_name: 'hard1', agent_type: 'shell', workdir });
    await rig.hub.event('session.started', { since });
  });

  /** Begins an upload and sends `data` as one chunk; resolves once the gateway has written it. */
  async function writeOneChunk(destPath: string, data: Buffer, ref: string): Promise<string> {
    let since = rig.hub.mark();
    rig.hub.send('file.upload.begin', { session_id: 1, filename: 'x', dest_path: destPath, size: data.length, ref });
    const { upload_id } = await rig.hub.event('file.upload.ready', { since, match: (m) => m.ref === ref });
    since = rig.hub.mark();
    rig.hub.send('file.upload.chunk', { upload_id, seq: 0, data_b64: data.toString('base64') });
    await rig.hub.event('file.upload.ack', { since, match: (m) => m.upload_id === upload_id });
    return upload_id;
  }

  const tempFiles = () =>
    readdirSync(workdir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.vibe-upload'));

  it('refuses a session.create whose workdir tmux would expand, before anything is created', async () => {
    const marker = join(rig.sandbox.dir, 'ran');
    const since = rig.hub.mark();
    rig.hub.send('session.create', {
      session_id: 2,
      tmux_name: 'hard2',
      agent_type: 'shell',
      workdir: join(rig.sandbox.workspace, `a#(touch ${marker})`),
      ref: 'inject',
    });
    expect(await rig.hub.event('error', { since })).toMatchObject({ code: 'protocol.schema', path: '/workdir' });
    expect(readdirSync(rig.sandbox.workspace)).toEqual(['hard']);
    expect(rig.sandbox.tmux('list-sessions', '-F', '#{session_name}').trim().split('\n')).toEqual(['hard1']);
    expect(existsSync(marker)).toBe(false);
  });

  it('puts a file in place only when its sha256 matches what was sent, and removes the folders it made', async () => {
    writeFileSync(join(workdir, 'kept.txt'), 'the original');
    const data = randomBytes(1000);
    for (const [destPath, ref] of [
      ['kept.txt', 'over'],
      ['new/deeper/file.bin', 'deep'],
    ] as const) {
      const uploadId = await writeOneChunk(destPath, data, ref);
      const since = rig.hub.mark();
      rig.hub.send('file.upload.end', { upload_id: uploadId, sha256: sha256(Buffer.from('other bytes')) });
      expect(await rig.hub.event('file.error', { since })).toMatchObject({
        upload_id: uploadId,
        ref,
        error: { code: 'file.checksum_mismatch' },
      });
    }
    expect(readFileSync(join(workdir, 'kept.txt'), 'utf8')).toBe('the original');
    expect(existsSync(join(workdir, 'new'))).toBe(false);
    expect(tempFiles()).toEqual([]);
  });

  it('removes the folders an aborted upload made, and keeps the ones that were there', async () => {
    mkdirSync(join(workdir, 'existing'));
    const uploadId = await writeOneChunk('existing/made/by/upload.txt', Buffer.from('abc'), 'abort');
    expect(existsSync(join(workdir, 'existing/made/by'))).toBe(true);
    rig.hub.send('file.upload.abort', { upload_id: uploadId });
    // An abort has no answer: wait for its clean-up to show on disk.
    await until(() => readdirSync(join(workdir, 'existing')).length === 0, 'the aborted upload is cleaned up');
    expect(existsSync(join(workdir, 'existing'))).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it('refuses to download a FIFO at once, without waiting for a writer', async () => {
    execFileSync('mkfifo', [join(workdir, 'pipe')]);
    const since = rig.hub.mark();
    rig.hub.send('file.download', { session_id: 1, path: 'pipe', ref: 'fifo' });
    expect(await rig.hub.event('file.error', { since, timeoutMs: 5000 })).toMatchObject({
      ref: 'fifo',
      error: { code: 'file.path_invalid' },
    });
  });

  it('removes what a killed gateway was uploading when it starts again', async () => {
    await writeOneChunk('crash/deep/file.bin', randomBytes(100), 'crash');
    expect(tempFiles()).toHaveLength(1);
    await rig.gw.stop('SIGKILL');
    expect(tempFiles()).toHaveLength(1);
    const since = rig.hub.mark();
    rig.gw = startGateway(rig.sandbox, rig.hub.url, rigEnv(GATEWAY_ID));
    await rig.hub.event('gateway.hello', { since });
    expect(tempFiles()).toEqual([]);
    expect(existsSync(join(workdir, 'crash'))).toBe(false);
  });

  it('keeps no journal record of an upload that is over', () => {
    expect(readdirSync(join(rig.sandbox.stateDir, 'uploads'))).toEqual([]);
  });
});
