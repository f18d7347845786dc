/**
 * How a folder listing reads in the file panel: folders first, then everything else, each by name as people sort
 * (case aside, numbers by value: `file2` before `file10`); the path as a breadcrumb; sizes and dates short.
 */
import { FILE_MAX_BYTES, type FolderEntry } from '@vibecode/schemas';
import { formatBytes } from '../ui/format.ts';

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A folder, or a link to a folder inside the session folder: both open in the panel. */
export function opensAsFolder(entry: FolderEntry): boolean {
  return entry.kind === 'dir' || (entry.kind === 'symlink' && entry.target === 'dir');
}

/** A file, or a link to a file inside the session folder: both download (the gateway follows such a link). */
export function downloadsAsFile(entry: FolderEntry): boolean {
  return entry.kind === 'file' || (entry.kind === 'symlink' && entry.target === 'file');
}

export function sortEntries(entries: readonly FolderEntry[]): FolderEntry[] {
  return [...entries].sort((a, b) => {
    const folders = Number(opensAsFolder(b)) - Number(opensAsFolder(a));
    return folders !== 0 ? folders : byName.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
}

/** `a/b` + `c` → `a/b/c`; '' is the session folder itself. */
export function childPath(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

export interface Crumb {
  label: string;
  path: string;
}

/** `src/lib` → Session folder › src › lib, each with the path it opens. */
export function crumbs(folder: string): Crumb[] {
  const out: Crumb[] = [{ label: 'Session folder', path: '' }];
  if (folder === '') return out;
  let path = '';
  for (const segment of folder.split('/')) {
    path = childPath(path, segment);
    out.push({ label: segment, path });
  }
  return out;
}

/** What the size column says: bytes for what downloads, a word for the rest. */
export function sizeText(entry: FolderEntry): string {
  if (downloadsAsFile(entry)) return formatBytes(entry.size);
  if (opensAsFolder(entry)) return 'Folder';
  if (entry.kind === 'symlink') return 'Link';
  return 'Special file';
}

/** Why an entry cannot be opened or downloaded from the panel, or null when it can. */
export function unavailableReason(entry: FolderEntry): string | null {
  if (opensAsFolder(entry)) return null;
  if (downloadsAsFile(entry)) {
    return entry.size > FILE_MAX_BYTES ? 'Larger than 20 MiB, the download limit.' : null;
  }
  if (entry.kind === 'symlink') return 'A link that leads outside the session folder, or nowhere.';
  return 'A pipe, socket or device: it cannot be downloaded.';
}

export interface DateOptions {
  locale?: string;
  timeZone?: string;
}

/** Today: the time; this year: day and month; older: with the year. */
export function formatModified(mtime: string, now: Date, options: DateOptions = {}): string {
  const when = new Date(mtime);
  const zone = { timeZone: options.timeZone };
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { ...zone, dateStyle: 'short' }).format(d);
  const year = (d: Date) => new Intl.DateTimeFormat('en-CA', { ...zone, year: 'numeric' }).format(d);
  const format = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(options.locale, { ...zone, ...o });
  if (day(when) === day(now)) return format({ hour: '2-digit', minute: '2-digit' }).format(when);
  if (year(when) === year(now)) return format({ day: 'numeric', month: 'short' }).format(when);
  return format({ day: 'numeric', month: 'short', year: 'numeric' }).format(when);
}
