/**
 * Files in a session's topic, run inside the topic handlers' gate (`topics/topic-handlers.ts`: the linked user's own
 * session, an open topic, the message noted), so `ctx.topic` names the session:
 *   - a document or a photo → core's `files.upload` into the session's workdir, then a reply naming where it landed.
 *     The size Telegram states comes first: core refuses a file over its limit (FILE_MAX_BYTES, 20 MiB, as the web)
 *     or with a bad name before the bot downloads a byte, since the body is fetched from Telegram only as core reads it
 *     (`telegram-file-body.ts`);
 *   - `/get <path>` → core's `files.download`, sent back as a document (multipart, grammY's `InputFile` over the
 *     stream, never held whole).
 * Core's refusals and Telegram's are answered with their message; a Bot API or network failure fails the update, which
 * the Queue retries.
 */
import type { FileControl } from '@vibecode/core/ports';
import { Composer, InputFile } from 'grammy';
import type { TelegramTopic } from '../db/topic-store.ts';
import type { LinkedContext } from '../linking.ts';
import { replies } from '../replies.ts';
import { incomingFile } from './incoming-file.ts';
import { askFile, TelegramFileError, telegramFileBody } from './telegram-file-body.ts';
import { watchedStream } from './watched-stream.ts';

export type FileDeps = { files: FileControl };

type FileContext = LinkedContext & { topic: Pick<TelegramTopic, 'sessionId'> };

export function topicFiles(deps: FileDeps): Composer<FileContext> {
  const { files } = deps;
  const composer = new Composer<FileContext>();

  composer.on(['message:document', 'message:photo'], async (ctx, next) => {
    const incoming = incomingFile(ctx.message);
    if (incoming === null) return next();
    try {
      // Telegram marks the size optional: without it, getFile tells it before core hears of the file.
      const asked = incoming.size === null ? await askFile(ctx.api, incoming.fileId) : null;
      const size = incoming.size ?? asked?.file_size;
      if (size === undefined) {
        await ctx.reply(replies.files.sizeUnknown);
        return;
      }
      const body = telegramFileBody(ctx.api, incoming.fileId, asked);
      const saved = await files.upload(ctx.link.userId, ctx.topic.sessionId, { name: incoming.name, size, body });
      await ctx.reply(saved.ok ? replies.files.saved(saved.value.path, saved.value.size) : saved.error.message);
    } catch (error) {
      if (!(error instanceof TelegramFileError)) throw error;
      await ctx.reply(error.message);
    }
  });

  composer.command('get', async (ctx) => {
    const path = ctx.match.trim();
    if (path === '') {
      await ctx.reply(replies.files.getUsage);
      return;
    }
    const got = await files.download(ctx.link.userId, ctx.topic.sessionId, path);
    if (!got.ok) {
      await ctx.reply(got.error.message);
      return;
    }
    const content = watchedStream(got.value.body);
    try {
      await ctx.replyWithDocument(new InputFile(content.body, got.value.name), { caption: path });
    } catch (error) {
      if (!content.failed()) throw error;
      await ctx.reply(replies.files.readFailed);
    } finally {
      content.release();
    }
  });

  return composer;
}
