/**
 * One session's files as its page holds them: the open folder and its listing, the one transfer that may run at a
 * time (with progress and Cancel) and how the last one ended. The file panel and the drop target around the terminal
 * share it (`filesOf`), so a file dropped on the terminal lands in the folder the panel has open, and its progress
 * shows wherever the person is looking.
 */
import { errorText } from '../ui/error-text.ts';
import { formatBytes } from '../ui/format.ts';
import { downloadFile } from './download.ts';
import { type FolderListing, fetchFolder } from './folder.ts';
import { childPath } from './folder-view.ts';
import { isCancel } from './transfer-errors.ts';
import { uploadFile } from './upload.ts';
import { checkUpload, progressPercent } from './upload-check.ts';

export interface Transfer {
  direction: 'upload' | 'download';
  name: string;
  percent: number;
  controller: AbortController;
}

/** How the last transfer ended: `error` is an `errorText` string (sentence and code). */
export type Outcome = { text: string; error: boolean };

export class SessionFiles {
  /** The open folder, relative to the session workdir; '' is the workdir itself. */
  folder = $state('');
  listing: FolderListing | null = $state(null);
  loading = $state(false);
  listError: string | null = $state(null);
  transfer: Transfer | null = $state(null);
  outcome: Outcome | null = $state(null);
  /** File panels showing this state: while one is, the drop target leaves progress and outcomes to it. */
  panels = $state(0);
  private pending: AbortController | null = null;

  constructor(readonly sessionId: string) {}

  /** Lists `folder`; a newer call wins over one still on its way. */
  async open(folder: string): Promise<void> {
    this.pending?.abort();
    const request = new AbortController();
    this.pending = request;
    this.loading = true;
    try {
      const listing = await fetchFolder(this.sessionId, folder, request.signal);
      if (request.signal.aborted) return;
      this.folder = listing.path;
      this.listing = listing;
      this.listError = null;
    } catch (e) {
      if (request.signal.aborted) return;
      this.listError = errorText(e, 'The folder could not be listed.');
    } finally {
      if (this.pending === request) {
        this.loading = false;
        this.pending = null;
      }
    }
  }

  refresh(): Promise<void> {
    return this.open(this.folder);
  }

  /** Uploads into the open folder, then lists it again (when a panel shows it) so the file appears. */
  async upload(file: File): Promise<void> {
    if (this.transfer) return;
    const problem = checkUpload(file);
    if (problem) {
      this.outcome = { text: problem.message, error: true };
      return;
    }
    const folder = this.folder;
    const path = childPath(folder, file.name);
    await this.run('upload', file.name, async (onProgress, signal) => {
      const done = await uploadFile(this.sessionId, file, path, { signal, onProgress });
      return `Uploaded ${done.path} (${formatBytes(done.size)}).`;
    });
    if (this.folder === folder && this.panels > 0) await this.refresh();
  }

  /** Downloads `name` from the open folder. */
  async download(name: string): Promise<void> {
    if (this.transfer) return;
    const path = childPath(this.folder, name);
    await this.run('download', name, async (onProgress, signal) => {
      const size = await downloadFile(this.sessionId, path, { signal, onProgress });
      return `Downloaded ${name} (${formatBytes(size)}).`;
    });
  }

  cancel(): void {
    this.transfer?.controller.abort();
  }

  private async run(
    direction: Transfer['direction'],
    name: string,
    work: (onProgress: (loaded: number, total: number) => void, signal: AbortSignal) => Promise<string>,
  ): Promise<void> {
    const controller = new AbortController();
    const transfer: Transfer = { direction, name, percent: 0, controller };
    this.transfer = transfer;
    this.outcome = null;
    const onProgress = (loaded: number, total: number) => {
      if (this.transfer) this.transfer.percent = progressPercent(loaded, total);
    };
    try {
      this.outcome = { text: await work(onProgress, controller.signal), error: false };
    } catch (e) {
      // A cancel is the person's own choice, not a failure: say so without an alert.
      this.outcome = isCancel(e)
        ? { text: `Cancelled the ${direction} of ${name}.`, error: false }
        : { text: errorText(e, `The ${direction} failed.`), error: true };
    } finally {
      this.transfer = null;
    }
  }
}

let current: SessionFiles | null = null;

/** The files state of the session on the page (a page shows one session; a new one starts afresh). */
export function filesOf(sessionId: string): SessionFiles {
  if (current?.sessionId !== sessionId) current = new SessionFiles(sessionId);
  return current;
}
