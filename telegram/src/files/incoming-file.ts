/**
 * The file a message in a session's topic carries, as the bot hands it to core: a document under the name it was sent
 * with, a photo (Telegram keeps several sizes, the largest last) as `photo-<message id>.jpg` (Telegram re-encodes
 * photos as JPEG and gives them no name). `size` is what Telegram says before anything is downloaded; null when it
 * does not say (the Bot API marks it optional), and getFile is asked then.
 */
import type { Message, PhotoSize } from 'grammy/types';

export type IncomingFile = { fileId: string; name: string; size: number | null };

export function incomingFile(message: Message): IncomingFile | null {
  const { document, photo } = message;
  if (document !== undefined) {
    return {
      fileId: document.file_id,
      name: document.file_name ?? `document-${message.message_id}`,
      size: document.file_size ?? null,
    };
  }
  const area = (size: PhotoSize) => size.width * size.height;
  const largest = photo?.reduce<PhotoSize | undefined>(
    (a, b) => (a === undefined || area(b) >= area(a) ? b : a),
    undefined,
  );
  if (largest === undefined) return null;
  return { fileId: largest.file_id, name: `photo-${message.message_id}.jpg`, size: largest.file_size ?? null };
}
