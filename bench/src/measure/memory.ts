/**
 * Memory: the resident size of the processes that serve each system, by role — the server on the machine (VibeCode's
 * gateway, a peer's server), workerd (VibeCode's Worker and Durable Objects), tmux (server and attach clients) —
 * with 5 sessions open and idle at the prompt, then the peak over 10 s while all 5 print numbers as fast as they
 * can. On systems started anew (`freshSystems`): a server keeps heap that earlier rows grew (the gateway ~7 MiB of
 * the 20 MiB transfers' for good, bench/README.md), which is not what 5 sessions cost.
 */

import { type ProcessRole, peakRssDuring, ROLE_ABSENT, type RoleBytes, rssNow } from '../proc/rss.ts';
import { na, value } from '../results.ts';
import { toMiB } from '../stats.ts';
import type { Shell, System } from '../systems/system.ts';
import { type Cells, eachSystem, fill, type Measurement } from './kit.ts';

const SESSIONS = 5;
/**
 * Numbers as fast as they print, like the gateway's own measurement (`while :; do seq 1 20000; done`), but one
 * process: Ctrl-C that lands between two `seq`s of that loop is lost and the loop goes on.
 */
const BUSY_COMMAND = 'seq 1 inf';
/** A time window, not a byte count: tmux draws a flood rather than passing every byte, so counts differ by system. */
const BUSY_MS = 10_000;
const ROLES: readonly ProcessRole[] = ['server', 'workerd', 'tmux'];
const ROWS = ROLES.flatMap((role) => [`rss-${role}-idle`, `rss-${role}-busy`]);

function roleCells(idle: RoleBytes, busy: RoleBytes, detail: string): Cells {
  const cells: Cells = {};
  for (const role of ROLES) {
    const [i, b] = [idle[role], busy[role]];
    cells[`rss-${role}-idle`] = i ? value(toMiB(i)) : na(ROLE_ABSENT[role]);
    cells[`rss-${role}-busy`] = b ? value(toMiB(b), undefined, detail) : na(ROLE_ABSENT[role]);
  }
  return cells;
}

async function measure(system: System): Promise<Cells> {
  if (system.lacks.memory) return fill(ROWS, na(system.lacks.memory));
  const shells: Shell[] = [];
  try {
    for (let i = 0; i < SESSIONS; i++) shells.push(await system.openShell());
    const roles = system.processes();
    const idle = rssNow(roles);
    const before = shells.map(({ typist }) => typist.log.chars);
    const { peak } = await peakRssDuring(roles, async () => {
      for (const { typist } of shells) typist.send(`${BUSY_COMMAND}\r`);
      await new Promise((resolve) => setTimeout(resolve, BUSY_MS));
    });
    const received = shells.map(({ typist }, i) => typist.log.chars - (before[i] ?? 0));
    if (received.some((chars) => chars < 64 * 1024)) throw new Error(`a busy session printed too little: ${received}`);
    // Stopped without waiting for the prompt: VibeTunnel, which reads a flood without flow control, would take
    // minutes to show it (that is the Ctrl-C row's subject); closing the shells ends whatever is left.
    for (const { typist } of shells) typist.send('\x03');
    return roleCells(idle, peak, `each viewer received ${received.map((c) => toMiB(c).toFixed(1)).join(', ')} MiB`);
  } finally {
    await Promise.all(shells.map((s) => s.close().catch(() => undefined)));
  }
}

export const memory: Measurement = { ...eachSystem('memory', ROWS, measure), freshSystems: true };
