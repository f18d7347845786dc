/** Documents: sendDocument (multipart upload or an existing file_id) and getFile for the download path. */
import type { Document } from 'grammy/types';
import { badRequest } from '../errors.ts';
import { MAX_DOWNLOAD_BYTES, type StoredFile } from '../file-store.ts';
import { readCaption } from '../format.ts';
import type { UploadedFile } from '../multipart.ts';
import type { Params } from '../params.ts';
import type { FakeContext, Method } from './context.ts';
import { sendTarget, sentExtras } from './send.ts';

function documentOf(file: StoredFile): Document {
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    file_name: file.file_name,
    mime_type: file.mime_type,
    file_size: file.file_size,
  };
}

/** The document a send names: an upload (part `document` or `attach://…`) or a file_id the stand-in knows. */
function documentSource(p: Params): { upload: UploadedFile } | { fileId: string } {
  const upload = p.upload('document');
  if (upload) return { upload };
  const fileId = p.str('document');
  if (fileId === '') throw badRequest('there is no document in the request');
  return { fileId };
}

function storeDocument(ctx: FakeContext, source: ReturnType<typeof documentSource>): StoredFile {
  if ('upload' in source) return ctx.files.save(source.upload.data, source.upload.fileName, source.upload.contentType);
  const known = ctx.files.get(source.fileId);
  // A URL would be fetched by Telegram; the stand-in has no network, so only its own file_ids are accepted.
  if (!known) throw badRequest('wrong file identifier/HTTP URL specified');
  return known;
}

export const fileMethods: Record<string, Method> = {
  sendDocument: (ctx, p) => {
    const source = documentSource(p);
    const caption = readCaption(p);
    const target = sendTarget(ctx, p);
    const file = storeDocument(ctx, source);
    return ctx.model.addBotMessage(target.state, target.threadId, {
      document: documentOf(file),
      ...caption,
      ...sentExtras(target),
    });
  },

  getFile: (ctx, p) => {
    const fileId = p.str('file_id');
    if (fileId === '') throw badRequest('file_id not specified');
    const file = ctx.files.get(fileId);
    if (!file) throw badRequest('invalid file_id');
    if (file.file_size > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
    return {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_size: file.file_size,
      file_path: file.file_path,
    };
  },
};
