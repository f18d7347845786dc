/**
 * A file the user sent, as a stream read from the Bot API's download path (`<apiRoot>/file/bot<token>/<file_path>`,
 * the root and token of the `Api` the update came with) only once it is first read: getFile (unless the caller asked
 * it already), then the download, passed on as it arrives. A stream cancelled unread (core refused the file) asks
 * Telegram nothing. Telegram refusing the file errors the stream with a `TelegramFileError` whose message is for the
 * user; a 429, 5xx or network failure errors it with grammY's own error, which fails the update for the Queue to
 * retry. No message carries the download URL: the token is in it.
 */
import { FILE_TRANSFER_TIMEOUT_MS } from '@vibecode/schemas';
import { type Api, GrammyError } from 'grammy';
import type { File } from 'grammy/types';
import { DEFAULT_API_ROOT } from '../config.ts';
import { replies } from '../replies.ts';

export class TelegramFileError extends Error {
  constructor(
    readonly code: 'telegram.file_too_big' | 'telegram.file_unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'TelegramFileError';
  }
}

const unavailable = () => new TelegramFileError('telegram.file_unavailable', replies.files.unavailable);

/** getFile, with Telegram's refusals (a 4xx: too big for bots, an id it no longer knows) as `TelegramFileError`s. */
export async function askFile(api: Api, fileId: string): Promise<File> {
  try {
    return await api.getFile(fileId);
  } catch (error) {
    if (!(error instanceof GrammyError) || error.error_code === 429 || error.error_code >= 500) throw error;
    if (/file is too big/i.test(error.description)) {
      throw new TelegramFileError('telegram.file_too_big', replies.files.tooBigForTelegram);
    }
    throw unavailable();
  }
}

function downloadUrl(api: Api, filePath: string): string {
  return `${api.options?.apiRoot ?? DEFAULT_API_ROOT}/file/bot${api.token}/${filePath}`;
}

export function telegramFileBody(
  api: Api,
  fileId: string,
  asked: File | null,
  fetchFile: typeof fetch = fetch,
): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  const open = async () => {
    const file = asked ?? (await askFile(api, fileId));
    if (file.file_path === undefined) throw unavailable();
    // The web's cap on one transfer: a download that stalls fails the update (the Queue retries it), never hangs it.
    const response = await fetchFile(downloadUrl(api, file.file_path), {
      signal: AbortSignal.timeout(FILE_TRANSFER_TIMEOUT_MS),
    });
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      throw unavailable();
    }
    return response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        reader ??= await open();
        const next = await reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel: async (reason) => {
        await reader?.cancel(reason);
      },
    },
    // Nothing is fetched before the first read.
    { highWaterMark: 0 },
  );
}
