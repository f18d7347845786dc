import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { incomingFile } from './incoming-file.ts';

const base = { message_id: 41, date: 0, chat: { id: 1, type: 'private', first_name: 'Ada' } } as const;
const message = (extra: Partial<Message>) => ({ ...base, ...extra }) as Message;
const size = (file_id: string, width: number, height: number, file_size?: number) => ({
  file_id,
  file_unique_id: `u-${file_id}`,
  width,
  height,
  ...(file_size === undefined ? {} : { file_size }),
});

describe('incomingFile', () => {
  it('takes a document under its own name and size', () => {
    const document = { file_id: 'd1', file_unique_id: 'u1', file_name: 'notes.md', file_size: 12 };
    expect(incomingFile(message({ document }))).toEqual({ fileId: 'd1', name: 'notes.md', size: 12 });
  });

  it('names a document sent without a name by its message, and leaves an untold size unknown', () => {
    const document = { file_id: 'd2', file_unique_id: 'u2' };
    expect(incomingFile(message({ document }))).toEqual({ fileId: 'd2', name: 'document-41', size: null });
  });

  it("takes a photo's largest size, whatever order the sizes come in", () => {
    const photo = [size('small', 90, 60, 900), size('large', 1280, 853, 90_000), size('mid', 320, 213, 9_000)];
    expect(incomingFile(message({ photo }))).toEqual({ fileId: 'large', name: 'photo-41.jpg', size: 90_000 });
    expect(incomingFile(message({ photo: [size('only', 10, 10)] }))).toEqual({
      fileId: 'only',
      name: 'photo-41.jpg',
      size: null,
    });
  });

  it('finds nothing in a message without a document or a photo', () => {
    expect(incomingFile(message({ text: 'hello' }))).toBeNull();
    expect(incomingFile(message({ photo: [] }))).toBeNull();
  });
});
