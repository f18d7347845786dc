/**
 * Uploads into a session workdir: chunks are written to a temp file beside the destination, in order, at most
 * FILE_MAX_IN_FLIGHT queued; `end` checks the size and the sender's sha256, and only then renames into place. A
 * failed, aborted, timed-out or disconnected upload removes its temp file and the folders it created, so nothing
 * partial is ever left (after a crash, the journal's sweep at the next start does it).
 */
import { createHash, type Hash, randomBytes } from 'node:crypto';
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
import { UploadFile } from './upload-file.ts';
import type { UploadJournal } from './upload-journal.ts';

interface Upload {
  id: string;
  sessionNumber: number;
  ref: string | undefined;
  out: HubLink;
  file: UploadFile;
  size: number;
  received: number;
  nextSeq: number;
  queued: number;
  writes: Promise<void>;
  hash: Hash;
  timer: NodeJS.Timeout;
}

export interface TransferDeps {
  workdirOf(sessionNumber: number): string | undefined;
  log: Logger;
  timeoutMs: number;
  journal: UploadJournal;
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
    let file: UploadFile;
    try {
      file = await UploadFile.create(this.deps.journal, workdir, cmd.dest_path, id);
    } catch (e) {
      return fail(writeFailure(e));
    }
    const upload: Upload = {
      id,
      sessionNumber: cmd.session_id,
      ref,
      out,
      file,
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
      await writeAll(upload.file.handle, data);
      upload.hash.update(data);
      upload.queued -= 1;
      upload.out.send(message('file.upload.ack', { upload_id: upload.id, seq: cmd.seq }));
    });
    upload.writes.catch((e) => this.fail(upload, writeFailure(e)));
  }

  async end(cmd: MessageByType['file.upload.end'], out: HubLink): Promise<void> {
    const uploadId = cmd.upload_id;
    const upload = this.open.get(uploadId);
    if (!upload) return this.unknown(uploadId, out);
    let sha256: string;
    try {
      await upload.writes;
      if (!this.open.has(uploadId)) return;
      if (upload.received !== upload.size) {
        throw new GatewayError('file.size_mismatch', `received ${upload.received} of ${upload.size} bytes`);
      }
      // Checked before the rename: a file whose bytes differ from what was sent never takes the destination's place.
      sha256 = upload.hash.digest('hex');
      if (sha256 !== cmd.sha256) {
        throw new GatewayError('file.checksum_mismatch', 'the bytes written differ from the bytes sent');
      }
      await upload.file.commit();
    } catch (e) {
      return this.fail(upload, writeFailure(e));
    }
    this.close(upload);
    this.deps.log.info('upload done', { session_id: upload.sessionNumber, upload_id: uploadId, size: upload.size });
    upload.out.send(
      message('file.upload.done', {
        upload_id: uploadId,
        path: upload.file.rel,
        size: upload.size,
        sha256,
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
    this.deps.log.warn('upload failed', { session_id: upload.sessionNumber, upload_id: upload.id, code: error.code });
    await this.discard(upload);
    upload.out.send(
      message('file.error', {
        session_id: upload.sessionNumber,
        upload_id: upload.id,
        error: error.detail,
        ...echoRef(upload.ref),
      }),
    );
  }

  private async discard(upload: Upload): Promise<void> {
    this.close(upload);
    await upload.file.remove();
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
