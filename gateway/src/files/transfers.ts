/**
 * File work for the dispatcher: uploads and downloads (both bounded and time-limited) and folder listings behind one
 * object.
 */
import type { MessageByType } from '@vibecode/schemas';
import type { HubLink } from '../link/hub-link.ts';
import { Downloads } from './downloads.ts';
import { FolderLists } from './folder-lists.ts';
import { type TransferDeps, Uploads } from './uploads.ts';

export class FileTransfers {
  private readonly uploads: Uploads;
  private readonly downloads: Downloads;
  private readonly folders: FolderLists;

  constructor(deps: TransferDeps) {
    this.uploads = new Uploads(deps);
    this.downloads = new Downloads(deps);
    this.folders = new FolderLists(deps);
  }

  beginUpload = (cmd: MessageByType['file.upload.begin'], out: HubLink) => this.uploads.begin(cmd, out);
  uploadChunk = (cmd: MessageByType['file.upload.chunk'], out: HubLink) => this.uploads.chunk(cmd, out);
  endUpload = (cmd: MessageByType['file.upload.end'], out: HubLink) => this.uploads.end(cmd, out);
  abortUpload = (uploadId: string) => this.uploads.abort(uploadId);
  download = (cmd: MessageByType['file.download'], out: HubLink) => this.downloads.start(cmd, out);
  downloadAck = (cmd: MessageByType['file.download.ack']) => this.downloads.ack(cmd);
  abortDownload = (downloadId: string) => this.downloads.abort(downloadId);
  list = (cmd: MessageByType['file.list'], out: HubLink) => this.folders.list(cmd, out);

  /** The link dropped: every transfer is cancelled and every temp file removed. */
  async abortAll(): Promise<void> {
    await Promise.all([this.uploads.abortAll(), this.downloads.abortAll()]);
  }
}
