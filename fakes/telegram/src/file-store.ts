/**
 * Files the bot uploads (sendDocument) and files the "user" sends (`POST /_fake/files`), written under
 * `<dataDir>/files/` and served back at Telegram's download path `/file/bot<token>/<file_path>`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Bots can download files of up to 20 MB (getFile refuses bigger ones). */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  /** Relative path, as getFile reports it: `documents/file_<n>.<ext>`. */
  file_path: string;
  file_name: string;
  mime_type: string;
  diskPath: string;
}

const MIME_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.tar': 'application/x-tar',
};

const id = (bytes: number) => randomBytes(bytes).toString('base64url');

export class FileStore {
  private readonly byFileId = new Map<string, StoredFile>();
  private readonly byFilePath = new Map<string, StoredFile>();
  private counter = 0;

  constructor(private readonly dataDir: string) {}

  save(data: Buffer, fileName: string, contentType?: string): StoredFile {
    // Only a short alphanumeric extension of the sender's name reaches the disk: names never choose paths.
    const ext = extname(fileName).toLowerCase();
    const safeExt = /^\.[a-z0-9]{1,10}$/.test(ext) ? ext : '';
    const filePath = `documents/file_${this.counter++}${safeExt}`;
    const diskPath = join(this.dataDir, 'files', filePath);
    mkdirSync(join(this.dataDir, 'files', 'documents'), { recursive: true });
    writeFileSync(diskPath, data);
    const type = contentType?.split(';')[0]?.trim().toLowerCase();
    const declared = type && type !== 'application/octet-stream' ? type : undefined;
    const file: StoredFile = {
      file_id: `BQACAgIAAxkBAA${id(24)}`,
      file_unique_id: `AgAD${id(9)}`,
      file_size: data.length,
      file_path: filePath,
      file_name: fileName,
      mime_type: declared ?? MIME_TYPES[ext] ?? 'application/octet-stream',
      diskPath,
    };
    this.byFileId.set(file.file_id, file);
    this.byFilePath.set(file.file_path, file);
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byFileId.get(fileId);
  }

  atPath(filePath: string): StoredFile | undefined {
    return this.byFilePath.get(filePath);
  }
}
