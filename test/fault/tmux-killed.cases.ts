/**
 * Fault: the tmux server is killed (SIGKILL, as the OOM killer does) under an open terminal. The gateway's tmux
 * client dies with it, the gateway reports the session lost, and the hub hands the viewer `session.ended` and
 * closes it: the terminal says the session ended rather than waiting for output that cannot come. The session stays
 * listed as stopped, for Restart or End.
 */
import { readFileSync } from 'node:fs';
import type { ApiResponse } from '@vibecode/schemas';
import { expect, it } from 'vitest';
import type { FaultSuite } from './suite.ts';

export function tmuxKilledCases(suite: FaultSuite): void {
  it('tells the open terminal that its session ended, as lost, and closes it', async () => {
    const { stack } = suite;
    const session = await stack.createShell('tmux-killed');
    const viewer = suite.viewer(session);
    await viewer.until('attached', () => viewer.received('session.snapshot').length === 1);
    // The session's own tmux server, asked from inside it; the echoed command line has no digits after the dash.
    viewer.type('echo tmux-pid-$(tmux display -p "#{pid}")\r');
    await viewer.until('the tmux pid', () => /tmux-pid-\d+/.test(viewer.screen));
    const pid = Number(/tmux-pid-(\d+)/.exec(viewer.screen)?.[1]);
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]).toMatch(/tmux/);

    process.kill(pid, 'SIGKILL');
    await viewer.until('session.ended', () => viewer.received('session.ended').length > 0);
    expect(viewer.received('session.ended')).toEqual([
      expect.objectContaining({ session_id: session.number, reason: 'lost' }),
    ]);
    await viewer.until('closed by the hub', () => viewer.closes.length > 0);
    expect(viewer.closes.at(-1)).toBe(4003);
    expect(viewer.state?.status).toBe('ended');
    const { sessions } = await stack.browser.json<ApiResponse<'GET /api/vps/:id/sessions'>>(
      'GET',
      `/api/vps/${stack.vpsId}/sessions`,
    );
    // Stopped, not gone: it stays listed for Restart or End (issue 12).
    expect(sessions.find((s) => s.id === session.id)?.status).toBe('stopped');
  });
}
