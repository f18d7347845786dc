/** Processes as Linux's /proc shows them: who is who (by parent, name, command line, listening port) and their RSS. */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The kernel's short name (`/proc/PID/comm`), e.g. `workerd`, `tmux: server`. */
  comm: string;
  argv: string[];
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // The process exited between listing and reading: it is simply not there.
    return null;
  }
}

/** `/proc/PID/stat`'s ppid: the field after the parenthesised name, which may itself contain spaces or ')'. */
export function parsePpid(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[1]);
}

export function listProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    const comm = read(`/proc/${entry}/comm`);
    const cmdline = read(`/proc/${entry}/cmdline`);
    if (stat === null || comm === null || cmdline === null) continue;
    out.push({ pid: Number(entry), ppid: parsePpid(stat), comm: comm.trim(), argv: cmdline.split('\0').slice(0, -1) });
  }
  return out;
}

/** Resident set size in bytes (`VmRSS`), or null once the process is gone. */
export function rssBytes(pid: number): number | null {
  const status = read(`/proc/${pid}/status`);
  const kib = status && /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return kib ? Number(kib) * 1024 : null;
}

/** Hex `local_address` port of a /proc/net/tcp line → the socket inode, for sockets in LISTEN (state 0A). */
export function listeningInodes(table: string, port: number): Set<string> {
  const inodes = new Set<string>();
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const local = cols[1];
    if (!local || cols[3] !== '0A') continue;
    if (Number.parseInt(local.split(':')[1] ?? '', 16) === port && cols[9]) inodes.add(cols[9]);
  }
  return inodes;
}

/** The process holding a listening TCP socket on `port` (IPv4 or IPv6), if this user can see it. */
export function listenerPid(port: number): number | null {
  const inodes = new Set([
    ...listeningInodes(read('/proc/net/tcp') ?? '', port),
    ...listeningInodes(read('/proc/net/tcp6') ?? '', port),
  ]);
  if (inodes.size === 0) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue; // closed meanwhile
      }
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode && inodes.has(inode)) return Number(entry);
    }
  }
  return null;
}
