/**
 * Uploads into a session workdir: chunks are written to a temp file beside the destination, in order, at most
 * FILE_MAX_IN_FLIGHT queued; `end` checks the size and renames into place. A failed, aborted, timed-out or
 * disconnected upload removes its temp file, so nothing partial is ever left.
 */
import { createHash, type Hash, randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  echoRef,
  FILE_CHUNK_BYTES,
  FILE_MAX_BYTES,
  FILE_MAX_IN_FLIGHT,
  type MessageByType,
  message,
} from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { HubLink } from '../link/hub-link.ts';
import { writeAll, writeFailure } from './disk-write.ts';
import { resolveUploadTarget } from './targets.ts';

interface Upload {
  id: string;
  sessionId: number;
  ref: string | undefined;
  out: HubLink;
  rel: string;
  path: string;
  tmp: string;
  handle: FileHandle;
  size: number;
  received: number;
  nextSeq: number;
  queued: number;
  writes: Promise<void>;
  hash: Hash;
  timer: NodeJS.Timeout;
}

export interface TransferDeps {
  workdirOf(sessionId: number): string | undefined;
  log: Logger;
  timeoutMs: number;
}

/** Uploads open at once, across all sessions. */
const MAX_UPLOADS = 8;
/** Ids of uploads that already failed or finished, so their stragglers are dropped quietly. Bounded. */
const MAX_CLOSED_IDS = 64;

export const newTransferId = () => randomBytes(12).toString('base64url');

export class Uploads {
  private readonly open = new Map<string, Upload>();
  private readonly closed: string[] = [];

  constructor(private readonly deps: TransferDeps) {}

  get count(): number {
    return this.open.size;
  }

  async begin(cmd: MessageByType['file.upload.begin'], out: HubLink): Promise<void> {
    const ref = cmd.ref;
    const fail = (e: unknown) =>
      out.send(
        message('file.error', {
          session_id: cmd.session_id,
          error: toGatewayError(e, 'file.failed').detail,
          ...echoRef(ref),
        }),
      );
    const workdir = this.deps.workdirOf(cmd.session_id);
    if (!workdir) return fail(new GatewayError('session.not_found', `no session ${cmd.session_id}`));
    if (cmd.size > FILE_MAX_BYTES)
      return fail(new GatewayError('file.too_large', `files are limited to ${FILE_MAX_BYTES} bytes`));
    if (this.open.size >= MAX_UPLOADS)
      return fail(new GatewayError('file.busy', `at most ${MAX_UPLOADS} uploads at once`));
    const id = newTransferId();
    let target: Awaited<ReturnType<typeof resolveUploadTarget>>;
    let handle: FileHandle;
    const tmp = () => join(target.dir, `.${basename(target.path)}.${id}.vibe-upload`);
    try {
      target = await resolveUploadTarget(workdir, cmd.dest_path);
      handle = await open(tmp(), 'wx', 0o644);
    } catch (e) {
      return fail(writeFailure(e));
    }
    const upload: Upload = {
      id,
      sessionId: cmd.session_id,
      ref,
      out,
      rel: target.rel,
      path: target.path,
      tmp: tmp(),
      handle,
      size: cmd.size,
      received: 0,
      nextSeq: 0,
      queued: 0,
      writes: Promise.resolve(),
      hash: createHash('sha256'),
      timer: setTimeout(
        () => void this.fail(upload, new GatewayError('file.timeout', 'the upload did not finish in time')),
        this.deps.timeoutMs,
      ),
    };
    this.open.set(id, upload);
    this.deps.log.info('upload started', { session_id: cmd.session_id, upload_id: id, size: cmd.size });
    out.send(message('file.upload.ready', { upload_id: id, ...echoRef(ref) }));
  }

  chunk(cmd: MessageByType['file.upload.chunk'], out: HubLink): void {
    const upload = this.open.get(cmd.upload_id);
    if (!upload) {
      this.unknown(cmd.upload_id, out);
      return;
    }
    const data = Buffer.from(cmd.data_b64, 'base64');
    let problem: GatewayError | undefined;
    if (cmd.seq !== upload.nextSeq)
      problem = new GatewayError('file.bad_seq', `expected chunk ${upload.nextSeq}, got ${cmd.seq}`);
    else if (data.byteLength > FILE_CHUNK_BYTES)
      problem = new GatewayError('file.chunk_too_large', `chunks carry at most ${FILE_CHUNK_BYTES} bytes`);
    else if (upload.received + data.byteLength > upload.size)
      problem = new GatewayError('file.too_large', 'more bytes than the declared size');
    else if (upload.queued >= FILE_MAX_IN_FLIGHT)
      problem = new GatewayError('file.too_many_in_flight', `at most ${FILE_MAX_IN_FLIGHT} chunks in flight`);
    if (problem) {
      void this.fail(upload, problem);
      return;
    }
    upload.nextSeq += 1;
    upload.received += data.byteLength;
    upload.queued += 1;
    upload.writes = upload.writes.then(async () => {
      if (!this.open.has(upload.id)) return;
      await writeAll(upload.handle, data);
      upload.hash.update(data);
      upload.queued -= 1;
      upload.out.send(message('file.upload.ack', { upload_id: upload.id, seq: cmd.seq }));
    });
    upload.writes.catch((e) => this.fail(upload, writeFailure(e)));
  }

  async end(uploadId: string, out: HubLink): Promise<void> {
    const upload = this.open.get(uploadId);
    if (!upload) return this.unknown(uploadId, out);
    try {
      await upload.writes;
      if (!this.open.has(uploadId)) return;
      if (upload.received !== upload.size) {
        throw new GatewayError('file.size_mismatch', `received ${upload.received} of ${upload.size} bytes`);
      }
      await upload.handle.sync();
      await upload.handle.close();
      await rename(upload.tmp, upload.path);
    } catch (e) {
      return this.fail(upload, writeFailure(e));
    }
    this.close(upload);
    this.deps.log.info('upload done', { session_id: upload.sessionId, upload_id: uploadId, size: upload.size });
    upload.out.send(
      message('file.upload.done', {
        upload_id: uploadId,
        path: upload.rel,
        size: upload.size,
        sha256: upload.hash.digest('hex'),
      }),
    );
  }

  /** Cancels an upload at the hub's request; its temp file is removed. */
  async abort(uploadId: string): Promise<void> {
    const upload = this.open.get(uploadId);
    if (upload) await this.discard(upload);
  }

  /** The link is gone: nobody can finish these uploads. */
  async abortAll(): Promise<void> {
    await Promise.all([...this.open.values()].map((u) => this.discard(u)));
  }

  private async fail(upload: Upload, error: GatewayError): Promise<void> {
    if (!this.open.has(upload.id)) return;
    this.deps.log.warn('upload failed', { session_id: upload.sessionId, upload_id: upload.id, code: error.code });
    await this.discard(upload);
    upload.out.send(
      message('file.error', {
        session_id: upload.sessionId,
        upload_id: upload.id,
        error: error.detail,
        ...echoRef(upload.ref),
      }),
    );
  }

  private async discard(upload: Upload): Promise<void> {
    this.close(upload);
    await upload.handle.close().catch(() => undefined);
    await rm(upload.tmp, { force: true });
  }

  private close(upload: Upload): void {
    clearTimeout(upload.timer);
    this.open.delete(upload.id);
    this.closed.push(upload.id);
    if (this.closed.length > MAX_CLOSED_IDS) this.closed.shift();
  }

  private unknown(uploadId: string, out: HubLink): void {
    if (this.closed.includes(uploadId)) return;
    out.send(message('error', { code: 'file.unknown_transfer', message: `no upload ${uploadId}` }));
  }
}
