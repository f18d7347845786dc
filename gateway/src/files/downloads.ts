/**
 * Downloads from a session workdir: `file.content.begin`, then chunks with at most FILE_MAX_IN_FLIGHT unacked,
 * then `file.content.end` with the sha256. Reads go straight from the file; nothing is held whole.
 */
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  echoRef,
  FILE_CHUNK_BYTES,
  FILE_MAX_BYTES,
  FILE_MAX_IN_FLIGHT,
  type MessageByType,
  message,
} from '@vibecode/schemas';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { HubLink } from '../link/hub-link.ts';
import { openDownloadSource } from './targets.ts';
import { newTransferId, type TransferDeps } from './uploads.ts';

interface Download {
  id: string;
  sessionNumber: number;
  ref: string | undefined;
  out: HubLink;
  handle: FileHandle;
  size: number;
  offset: number;
  nextSeq: number;
  acked: number;
  pumping: boolean;
  hash: Hash;
  timer: NodeJS.Timeout;
}

const MAX_DOWNLOADS = 8;

export class Downloads {
  private readonly open = new Map<string, Download>();

  constructor(private readonly deps: TransferDeps) {}

  get count(): number {
    return this.open.size;
  }

  async start(cmd: MessageByType['file.download'], out: HubLink): Promise<void> {
    const ref = cmd.ref;
    const fail = (e: unknown) =>
      out.send(
        message('file.error', {
          session_id: cmd.session_id,
          error: toGatewayError(e, 'file.read_failed').detail,
          ...echoRef(ref),
        }),
      );
    const workdir = this.deps.workdirOf(cmd.session_id);
    if (!workdir) return fail(new GatewayError('session.not_found', `no session ${cmd.session_id}`));
    if (this.open.size >= MAX_DOWNLOADS)
      return fail(new GatewayError('file.busy', `at most ${MAX_DOWNLOADS} downloads at once`));
    let handle: FileHandle;
    let size: number;
    let rel: string;
    try {
      ({ rel, handle, size } = await openDownloadSource(workdir, cmd.path));
    } catch (e) {
      return fail(e);
    }
    if (size > FILE_MAX_BYTES) {
      await handle.close();
      return fail(new GatewayError('file.too_large', `files are limited to ${FILE_MAX_BYTES} bytes`));
    }
    const id = newTransferId();
    const download: Download = {
      id,
      sessionNumber: cmd.session_id,
      ref,
      out,
      handle,
      size,
      offset: 0,
      nextSeq: 0,
      acked: -1,
      pumping: false,
      hash: createHash('sha256'),
      timer: setTimeout(
        () => void this.fail(download, new GatewayError('file.timeout', 'the download did not finish in time')),
        this.deps.timeoutMs,
      ),
    };
    this.open.set(id, download);
    this.deps.log.info('download started', { session_id: cmd.session_id, download_id: id, size });
    out.send(message('file.content.begin', { download_id: id, filename: basename(rel), size, ...echoRef(ref) }));
    await this.pump(download);
  }

  ack(cmd: MessageByType['file.download.ack']): void {
    const download = this.open.get(cmd.download_id);
    if (!download || cmd.seq < download.acked || cmd.seq >= download.nextSeq) return;
    download.acked = cmd.seq;
    void this.pump(download);
  }

  abort(downloadId: string): void {
    const download = this.open.get(downloadId);
    if (download) void this.close(download);
  }

  async abortAll(): Promise<void> {
    await Promise.all([...this.open.values()].map((d) => this.close(d)));
  }

  private async pump(download: Download): Promise<void> {
    if (download.pumping) return;
    download.pumping = true;
    try {
      while (this.open.has(download.id) && download.nextSeq - (download.acked + 1) < FILE_MAX_IN_FLIGHT) {
        if (download.offset >= download.size) break;
        const want = Math.min(FILE_CHUNK_BYTES, download.size - download.offset);
        const buf = Buffer.alloc(want);
        const { bytesRead } = await download.handle.read(buf, 0, want, download.offset);
        if (!this.open.has(download.id)) return;
        if (bytesRead !== want) throw new GatewayError('file.changed', 'the file shrank while it was being sent');
        download.offset += want;
        download.hash.update(buf);
        download.out.send(
          message('file.content.chunk', {
            download_id: download.id,
            seq: download.nextSeq,
            data_b64: buf.toString('base64'),
          }),
        );
        download.nextSeq += 1;
      }
      if (this.open.has(download.id) && download.offset >= download.size) {
        await this.close(download);
        this.deps.log.info('download done', { session_id: download.sessionNumber, download_id: download.id });
        download.out.send(
          message('file.content.end', { download_id: download.id, sha256: download.hash.digest('hex') }),
        );
      }
    } catch (e) {
      await this.fail(download, toGatewayError(e, 'file.read_failed'));
    } finally {
      download.pumping = false;
    }
  }

  private async fail(download: Download, error: GatewayError): Promise<void> {
    if (!this.open.has(download.id)) return;
    this.deps.log.warn('download failed', {
      session_id: download.sessionNumber,
      download_id: download.id,
      code: error.code,
    });
    await this.close(download);
    download.out.send(
      message('file.error', {
        session_id: download.sessionNumber,
        download_id: download.id,
        error: error.detail,
        ...echoRef(download.ref),
      }),
    );
  }

  private async close(download: Download): Promise<void> {
    clearTimeout(download.timer);
    this.open.delete(download.id);
    await download.handle.close().catch(() => undefined);
  }
}
