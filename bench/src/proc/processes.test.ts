import { describe, expect, it } from 'vitest';
import { listeningInodes, listProcesses, parsePpid, rssBytes } from './processes.ts';

describe('parsePpid', () => {
  it('reads the ppid after the name, even when the name has spaces and parentheses', () => {
    expect(parsePpid('4242 (tmux: server) S 1 4242 4242 0 -1')).toBe(1);
    expect(parsePpid('77 (a) b) (c) R 12 77 77 0 -1')).toBe(12);
  });
});

describe('listeningInodes', () => {
  const table = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:A32B 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0',
    '   1: 0100007F:A32B 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0',
    '   2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1 0',
  ].join('\n');

  it('finds the listening socket on a port (hex), not its established connections', () => {
    expect([...listeningInodes(table, 0xa32b)]).toEqual(['111']);
    expect([...listeningInodes(table, 8080)]).toEqual(['333']);
    expect(listeningInodes(table, 9)).toEqual(new Set());
  });
});

describe('this process, through /proc', () => {
  it('is listed with its parent and has a resident size', () => {
    const me = listProcesses().find((p) => p.pid === process.pid);
    expect(me?.ppid).toBe(process.ppid);
    expect(rssBytes(process.pid)).toBeGreaterThan(1024 * 1024);
    expect(rssBytes(2 ** 22 + 1)).toBeNull();
  });
});
