/**
 * Relays a download from the gateway as a byte stream: `file.download` → `file.content.begin`, then chunks
 * acknowledged one by one as the reader pulls them (`highWaterMark: 0`), so at most the gateway's 4 in-flight
 * chunks wait in the hub (put back in order if they arrived out of it). The stream errors if the gateway fails, the size or the SHA-256 do not match.
 */
import { FILE_MAX_IN_FLIGHT, message, type ProtocolMessage } from '@vibecode/schemas';
import { base64ToBytes } from '@vibecode/schemas/encoding';
import { type GatewayRpc, throwIfGatewayError } from '../hub/gateway-rpc.ts';
import { HubError } from '../hub/hub-error.ts';
import { ChunkReorderer } from './reorder.ts';
import type { RelayOptions } from './upload-relay.ts';

export interface DownloadRequest {
  sessionNumber: number;
  path: string;
}

export interface Download {
  filename: string;
  size: number;
  body: ReadableStream<Uint8Array>;
}

function aboutDownload(downloadId: string) {
  return (msg: ProtocolMessage) =>
    (msg.type === 'file.content.chunk' || msg.type === 'file.content.end' || msg.type === 'file.error') &&
    msg.download_id === downloadId;
}

export async function relayDownload(
  gateway: GatewayRpc,
  download: DownloadRequest,
  options: RelayOptions,
): Promise<Download> {
  // One inbox for the whole transfer, opened before the command is sent: the gateway sends chunks right behind
  // `file.content.begin`, and frames may reach the hub out of order, so until the begin names the download id
  // the inbox also takes content frames no other transfer claimed (older transfers' inboxes are asked first).
  const ref = gateway.newRef();
  let downloadId: string | null = null;
  const isContent = (msg: ProtocolMessage) => msg.type === 'file.content.chunk' || msg.type === 'file.content.end';
  const inbox = gateway.open(
    (msg) => {
      if (msg.type === 'file.content.begin' && msg.ref === ref) {
        downloadId = msg.download_id;
        return true;
      }
      if ('ref' in msg && msg.ref === ref) return true;
      return downloadId === null ? isContent(msg) : aboutDownload(downloadId)(msg);
    },
    2 * FILE_MAX_IN_FLIGHT + 3,
  );
  const early: ProtocolMessage[] = [];
  let begin: Extract<ProtocolMessage, { type: 'file.content.begin' }>;
  try {
    gateway.send(message('file.download', { session_id: download.sessionNumber, path: download.path, ref }));
    while (true) {
      const msg = throwIfGatewayError(await inbox.next(options.replyTimeoutMs));
      if (msg.type === 'file.content.begin') {
        begin = msg;
        break;
      }
      if (early.length > FILE_MAX_IN_FLIGHT) throw new HubError('gateway.protocol', 'file content before its begin');
      early.push(msg);
    }
  } catch (error) {
    inbox.close();
    throw error;
  }
  const transferId = begin.download_id;
  const order = new ChunkReorderer<Uint8Array>(FILE_MAX_IN_FLIGHT);
  let received = 0;
  let endSha: string | null = null;

  const accept = (msg: ProtocolMessage) => {
    if (msg.type === 'file.content.end' && msg.download_id === transferId) {
      order.end();
      endSha = msg.sha256;
      return;
    }
    if (msg.type !== 'file.content.chunk' || msg.download_id !== transferId) {
      throw new HubError('gateway.protocol', `unexpected ${msg.type} in download ${transferId}`);
    }
    const bytes = base64ToBytes(msg.data_b64);
    if (!bytes) throw new HubError('gateway.protocol', `download ${transferId}: a chunk is not base64`);
    const added = order.add(msg.seq, bytes);
    if (!added.ok) throw new HubError('gateway.protocol', `download ${transferId}: ${added.reason}`);
  };

  const step = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    try {
      for (const msg of early.splice(0)) accept(msg);
      while (true) {
        const next = order.take();
        if (next) {
          received += next.chunk.byteLength;
          if (received > begin.size)
            throw new HubError('file.size_mismatch', 'the gateway sent more bytes than announced');
          await options.hasher.update(next.chunk);
          controller.enqueue(next.chunk);
          gateway.send(message('file.download.ack', { download_id: transferId, seq: next.seq }));
          return;
        }
        if (order.finished) {
          if (received !== begin.size) {
            throw new HubError('file.size_mismatch', `the gateway sent ${received} of ${begin.size} bytes`);
          }
          if ((await options.hasher.hex()) !== endSha) {
            throw new HubError('file.checksum_mismatch', 'the downloaded bytes do not match the gateway digest');
          }
          inbox.close();
          controller.close();
          return;
        }
        const remaining = options.deadline - options.now();
        if (remaining <= 0) throw new HubError('file.timeout', 'the download did not finish in time');
        accept(throwIfGatewayError(await inbox.next(Math.min(remaining, options.replyTimeoutMs))));
      }
    } catch (error) {
      inbox.close();
      abortQuietly(gateway, transferId);
      controller.error(error);
    }
  };

  const body = new ReadableStream<Uint8Array>(
    {
      pull: (controller) => step(controller),
      cancel() {
        inbox.close();
        abortQuietly(gateway, transferId);
      },
    },
    { highWaterMark: 0 },
  );
  return { filename: begin.filename, size: begin.size, body };
}

function abortQuietly(gateway: GatewayRpc, downloadId: string): void {
  try {
    gateway.send(message('file.download.abort', { download_id: downloadId }));
  } catch {
    // The gateway is gone; there is nothing left to stop.
  }
}
