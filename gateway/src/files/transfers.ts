/** File transfers for the dispatcher: uploads and downloads behind one object, both bounded and time-limited. */
import type { MessageByType } from '@vibecode/schemas';
import type { HubLink } from '../link/hub-link.ts';
import { Downloads } from './downloads.ts';
import { type TransferDeps, Uploads } from './uploads.ts';

export class FileTransfers {
  private readonly uploads: Uploads;
  private readonly downloads: Downloads;

  constructor(deps: TransferDeps) {
    this.uploads = new Uploads(deps);
    this.downloads = new Downloads(deps);
  }

  beginUpload = (cmd: MessageByType['file.upload.begin'], out: HubLink) => this.uploads.begin(cmd, out);
  uploadChunk = (cmd: MessageByType['file.upload.chunk'], out: HubLink) => this.uploads.chunk(cmd, out);
  endUpload = (cmd: MessageByType['file.upload.end'], out: HubLink) => this.uploads.end(cmd, out);
  abortUpload = (uploadId: string) => this.uploads.abort(uploadId);
  download = (cmd: MessageByType['file.download'], out: HubLink) => this.downloads.start(cmd, out);
  downloadAck = (cmd: MessageByType['file.download.ack']) => this.downloads.ack(cmd);
  abortDownload = (downloadId: string) => this.downloads.abort(downloadId);

  /** The link dropped: every transfer is cancelled and every temp file removed. */
  async abortAll(): Promise<void> {
    await Promise.all([this.uploads.abortAll(), this.downloads.abortAll()]);
  }
}
