/**
 * Relays a download from the gateway as a byte stream: `file.download` → `file.content.begin`, then chunks
 * acknowledged one by one as the reader pulls them (`highWaterMark: 0`), so at most the gateway's 4 in-flight
 * chunks wait in the hub. The stream errors if the gateway fails, the size or the SHA-256 do not match.
 */
import { FILE_MAX_IN_FLIGHT, message, type ProtocolMessage } from '@vibecode/schemas';
import { type GatewayChannel, request, throwIfGatewayError } from '../hub/gateway-channel.ts';
import { HubError } from '../hub/hub-error.ts';
import { base64ToBytes } from './base64.ts';
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
  channel: GatewayChannel,
  download: DownloadRequest,
  options: RelayOptions,
): Promise<Download> {
  const begin = await request(
    channel,
    (ref) => message('file.download', { session_id: download.sessionNumber, path: download.path, ref }),
    'file.content.begin',
    options.replyTimeoutMs,
  );
  const downloadId = begin.download_id;
  const inbox = channel.open(aboutDownload(downloadId), FILE_MAX_IN_FLIGHT + 2);
  let nextSeq = 0;
  let received = 0;

  const finish = async (end: Extract<ProtocolMessage, { type: 'file.content.end' }>) => {
    if (received !== begin.size) {
      throw new HubError('file.size_mismatch', `the gateway sent ${received} of ${begin.size} bytes`);
    }
    if ((await options.hasher.hex()) !== end.sha256) {
      throw new HubError('file.checksum_mismatch', 'the downloaded bytes do not match the gateway digest');
    }
  };

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const remaining = options.deadline - options.now();
          if (remaining <= 0) throw new HubError('file.timeout', 'the download did not finish in time');
          const msg = throwIfGatewayError(await inbox.next(Math.min(remaining, options.replyTimeoutMs)));
          if (msg.type === 'file.content.end') {
            await finish(msg);
            inbox.close();
            controller.close();
            return;
          }
          if (msg.type !== 'file.content.chunk' || msg.seq !== nextSeq) {
            throw new HubError('gateway.protocol', `unexpected ${msg.type} in download ${downloadId}`);
          }
          const bytes = base64ToBytes(msg.data_b64);
          received += bytes.byteLength;
          if (received > begin.size)
            throw new HubError('file.size_mismatch', 'the gateway sent more bytes than announced');
          await options.hasher.update(bytes);
          controller.enqueue(bytes);
          channel.send(message('file.download.ack', { download_id: downloadId, seq: nextSeq }));
          nextSeq++;
        } catch (error) {
          inbox.close();
          abortQuietly(channel, downloadId);
          controller.error(error);
        }
      },
      cancel() {
        inbox.close();
        abortQuietly(channel, downloadId);
      },
    },
    { highWaterMark: 0 },
  );
  return { filename: begin.filename, size: begin.size, body };
}

function abortQuietly(channel: GatewayChannel, downloadId: string): void {
  try {
    channel.send(message('file.download.abort', { download_id: downloadId }));
  } catch {
    // The gateway is gone; there is nothing left to stop.
  }
}
