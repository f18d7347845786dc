/**
 * What every system under test offers the measurements: shells with viewers that speak the system's own browser
 * protocol, the processes that serve it, and, where the system has them, more viewers per session, reconnects and
 * file transfer. A missing capability is an explicit reason, shown as "n/a" in the table.
 */
import type { Roles } from '../proc/rss.ts';
import type { SystemId } from '../results.ts';
import type { OutputLog } from '../term/output-log.ts';

export interface Viewer {
  /** Terminal output as this viewer's browser client would hand it to xterm.js. */
  readonly log: OutputLog;
  /** Keystrokes or text, sent the way this system's browser client sends them. */
  send(text: string): void;
  close(): Promise<void>;
}

/** How a viewer came back after a reconnect. */
export type ResumeKind = 'replay' | 'snapshot' | 'redraw' | 'stream';

export interface ResumableViewer extends Viewer {
  /** Drops the connection as a network cut would (the session lives on). */
  disconnect(): Promise<void>;
  /** Connects again and asks for what it missed; resolves once the new connection is open. */
  reconnect(): Promise<void>;
  /** How the last reconnect restored the screen, once output of it arrived. */
  readonly resumedBy: ResumeKind | null;
}

export interface Shell {
  /** The viewer that types (a browser tab with the session open). */
  readonly typist: Viewer;
  /** Another browser tab on the same session. */
  join?(): Promise<Viewer>;
  /** A tab that can drop and resume its connection. */
  joinResumable?(): Promise<ResumableViewer>;
  /** File transfer as the system's web UI offers it (VibeCode's is per session). */
  readonly files?: FileTransfer;
  close(): Promise<void>;
}

export interface FileTransfer {
  /** Uploads `bytes` as `name` the way the system's web UI does; resolves when the server has it all. */
  upload(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<void>;
  /** Downloads what `upload` stored as `name`; resolves with the byte count once all arrived. */
  download(name: string): Promise<number>;
}

export type Capability = 'viewers' | 'reconnect' | 'files' | 'memory';

export interface System {
  readonly id: SystemId;
  readonly label: string;
  /** Versions as they ran, e.g. `vibetunnel@1.0.0-beta.15.1`. */
  readonly version: string;
  /** Why a measurement does not apply here. */
  readonly lacks: Partial<Record<Capability, string>>;
  start(): Promise<void>;
  openShell(): Promise<Shell>;
  /** The processes that serve this system now, by role (the machine's server, workerd, tmux). */
  processes(): Roles;
  stop(): Promise<void>;
}
