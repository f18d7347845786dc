import { describe, expect, it } from 'vitest';
import { isRestartable, pageExit, reasonLine, sessionStatusText } from './session-status.ts';

const exit = { code: 3, signal: null, lines: ['Error: not logged in'], at: '2026-12-05T10:00:00.000Z' };

describe('sessionStatusText', () => {
  it('says how an exited session ended, that a stopped one went with its server, and other statuses as they are', () => {
    expect(sessionStatusText({ status: 'exited', exit })).toBe('exited (code 3)');
    expect(sessionStatusText({ status: 'exited', exit: { ...exit, code: null, signal: 'SIGKILL' } })).toBe(
      'exited (signal SIGKILL)',
    );
    expect(sessionStatusText({ status: 'stopped', exit: null })).toBe('stopped: server powered off');
    expect(sessionStatusText({ status: 'running', exit: null })).toBe('running');
  });

  it('offers Restart for exited and stopped sessions only', () => {
    expect(
      ['running', 'starting', 'exited', 'stopped', 'ended', 'error'].filter((s) =>
        isRestartable({ status: s as never }),
      ),
    ).toEqual(['exited', 'stopped']);
  });
});

describe('reasonLine', () => {
  it("is the last line printed, past a shell's own exit or logout", () => {
    expect(reasonLine(['$ make', 'Error: no network', 'exit'])).toBe('Error: no network');
    expect(reasonLine(['vibe: could not install claude', 'logout', ' '])).toBe('vibe: could not install claude');
    expect(reasonLine(['exit'])).toBeNull();
    expect(reasonLine([])).toBeNull();
  });
});

describe('pageExit', () => {
  it('uses the page data until the link says, then the link', () => {
    expect(pageExit({ status: 'exited', exit }, null)).toEqual({ kind: 'exited', exit });
    expect(pageExit({ status: 'exited', exit }, { status: 'connecting', exit: null })).toEqual({
      kind: 'exited',
      exit,
    });
    expect(pageExit({ status: 'exited', exit }, { status: 'connected', exit: null })).toBeNull();
    const live = { code: 1, signal: null, lines: [] };
    expect(pageExit({ status: 'running', exit: null }, { status: 'exited', exit: live })).toEqual({
      kind: 'exited',
      exit: live,
    });
  });

  it('says stopped for a stopped session, whatever the link does', () => {
    expect(pageExit({ status: 'stopped', exit: null }, { status: 'reconnecting', exit: null })).toEqual({
      kind: 'stopped',
    });
  });
});
