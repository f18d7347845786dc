/**
 * Relays an upload body to the gateway: `file.upload.begin` → `ready`, then 128 KiB chunks with at most 4
 * unacknowledged, `file.upload.end` → `done`. Memory: one chunk being cut plus the ≤ 4 in flight; the body
 * is read only as fast as the gateway acknowledges. The byte count must match the declared size exactly.
 */
import { FILE_CHUNK_BYTES, FILE_MAX_IN_FLIGHT, message, type ProtocolMessage } from '@vibecode/schemas';
import { bytesToBase64 } from '@vibecode/schemas/encoding';
import { type GatewayRpc, request, throwIfGatewayError } from '../hub/gateway-rpc.ts';
import { HubError } from '../hub/hub-error.ts';
import type { Hasher } from './hasher.ts';
import { rechunk, streamChunks } from './rechunk.ts';
import { TransferWindow } from './window.ts';

export interface UploadRequest {
  sessionNumber: number;
  destPath: string;
  filename: string;
  size: number;
}

export interface UploadResult {
  path: string;
  size: number;
  sha256: string;
}

export interface RelayOptions {
  /** Longest wait for any one gateway reply. */
  replyTimeoutMs: number;
  /** The whole transfer must finish by this time (ms since the epoch). */
  deadline: number;
  now: () => number;
  hasher: Hasher;
}

function aboutUpload(uploadId: string) {
  return (msg: ProtocolMessage) =>
    (msg.type === 'file.upload.ack' || msg.type === 'file.upload.done' || msg.type === 'file.error') &&
    msg.upload_id === uploadId;
}

export async function relayUpload(
  gateway: GatewayRpc,
  upload: UploadRequest,
  body: ReadableStream<Uint8Array>,
  options: RelayOptions,
): Promise<UploadResult> {
  let uploadId: string | null = null;
  try {
    const ready = await request(
      gateway,
      (ref) =>
        message('file.upload.begin', {
          session_id: upload.sessionNumber,
          filename: upload.filename,
          dest_path: upload.destPath,
          size: upload.size,
          ref,
        }),
      'file.upload.ready',
      options.replyTimeoutMs,
    );
    uploadId = ready.upload_id;
    const result = await sendChunks(gateway, uploadId, upload.size, body, options);
    uploadId = null;
    return result;
  } catch (error) {
    await body.cancel().catch(() => undefined);
    if (uploadId !== null) abortQuietly(gateway, uploadId);
    throw error;
  }
}

async function sendChunks(
  gateway: GatewayRpc,
  uploadId: string,
  size: number,
  body: ReadableStream<Uint8Array>,
  options: RelayOptions,
): Promise<UploadResult> {
  const inbox = gateway.open(aboutUpload(uploadId), FILE_MAX_IN_FLIGHT + 2);
  const window = new TransferWindow(FILE_MAX_IN_FLIGHT);
  const nextReply = async () => {
    const remaining = options.deadline - options.now();
    if (remaining <= 0) throw new HubError('file.timeout', 'the upload did not finish in time');
    return throwIfGatewayError(await inbox.next(Math.min(remaining, options.replyTimeoutMs)));
  };
  const awaitAck = async () => {
    const reply = await nextReply();
    if (reply.type !== 'file.upload.ack' || !window.ack(reply.seq)) {
      throw new HubError('gateway.protocol', `unexpected ${reply.type} while chunks are in flight`);
    }
  };
  try {
    let total = 0;
    for await (const chunk of rechunk(streamChunks(body), FILE_CHUNK_BYTES)) {
      total += chunk.byteLength;
      if (total > size) throw new HubError('file.size_mismatch', `the body is longer than the declared ${size} bytes`);
      while (!window.canSend()) await awaitAck();
      await options.hasher.update(chunk);
      gateway.send(
        message('file.upload.chunk', { upload_id: uploadId, seq: window.take(), data_b64: bytesToBase64(chunk) }),
      );
    }
    if (total !== size) throw new HubError('file.size_mismatch', `the body has ${total} bytes, ${size} were declared`);
    while (window.inFlight > 0) await awaitAck();
    // The gateway renames the file into place only when its own sha256 matches this one.
    const sha256 = await options.hasher.hex();
    gateway.send(message('file.upload.end', { upload_id: uploadId, sha256 }));
    const done = await nextReply();
    if (done.type !== 'file.upload.done')
      throw new HubError('gateway.protocol', `expected file.upload.done, got ${done.type}`);
    if (done.sha256 !== sha256 || done.size !== size) {
      throw new HubError('file.checksum_mismatch', 'the gateway stored a different file than was sent');
    }
    return { path: done.path, size: done.size, sha256 };
  } finally {
    inbox.close();
  }
}

function abortQuietly(gateway: GatewayRpc, uploadId: string): void {
  try {
    gateway.send(message('file.upload.abort', { upload_id: uploadId }));
  } catch {
    // The gateway is gone; it drops the temp file on its own when the link closes.
  }
}
