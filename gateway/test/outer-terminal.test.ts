/**
 * What the gateway's stream tells the viewer's terminal (xterm.js), which keeps scrollback only in its normal
 * screen and only for lines that scroll off by a line feed: it must never switch to the alternate screen
 * (`\e[?1049h`, tmux's smcup for xterm) and never scroll with `CSI n S` (indn), which drops the lines instead.
 * Checked on the PTY output with real tmux, from the `tmux attach` client's very first byte (the ring's first seq).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatewayRig, rigEnv } from './rig.ts';
import { startGateway } from './sandbox.ts';

const ALTERNATE_SCREEN = '\x1b[?1049h';
/** Whether `text` has an SU (`CSI n S`, scroll up n lines): xterm.js drops the lines it scrolls off. */
const scrollsUp = (text: string) => text.split('\x1b[').some((after, i) => i > 0 && /^\d*S/.test(after));

describe('the stream to viewers keeps their scrollback', () => {
  const rig = gatewayRig('gw_alt');

  beforeAll(async () => {
    const since = rig.hub.mark();
    rig.hub.send('session.create', {
      session_id: 1,
      tmux_name: 'alt1',
      agent_type: 'shell',
      workdir: join(rig.sandbox.workspace, 'alt'),
    });
    await rig.hub.event('session.started', { since });
  });

  it('never enters the alternate screen, from the first byte tmux draws when its client attaches', async () => {
    const since = rig.hub.mark();
    rig.hub.send('session.attach', { session_id: 1, last_seq: 0 });
    rig.hub.send('session.input', { session_id: 1, data: 'echo first-$((20+1))\r' });
    await rig.hub.outputContains(1, 'first-21', since);
    expect(rig.hub.frames(1, since)[0]?.seq).toBe(1);
    // tmux's initial draw of the attached client: clear screen, home.
    expect(rig.hub.output(1, since)).toContain('\x1b[H\x1b[2J');
    expect(rig.hub.output(1, since)).not.toContain(ALTERNATE_SCREEN);
  });

  it('never enters it while a program inside the session uses its own alternate screen', async () => {
    const since = rig.hub.mark();
    rig.hub.send('session.input', { session_id: 1, data: "printf '\\033[?1049h'; echo in-alt-$((3*3)); sleep 0.3\r" });
    await rig.hub.outputContains(1, 'in-alt-9', since);
    rig.hub.send('session.input', { session_id: 1, data: "printf '\\033[?1049l'; echo left-alt-$((4*4))\r" });
    await rig.hub.outputContains(1, 'left-alt-16', since);
    expect(rig.hub.output(1, since)).not.toContain(ALTERNATE_SCREEN);
  });

  it('scrolls by line feeds, also when several lines scroll at once', async () => {
    const full = rig.hub.mark();
    rig.hub.send('session.input', { session_id: 1, data: 'clear; seq 1 30; echo full-$((3*4))\r' });
    await rig.hub.outputContains(1, 'full-12', full);
    const since = rig.hub.mark();
    // One write of several lines at the bottom of a full screen: tmux scrolls them in one go.
    rig.hub.send('session.input', { session_id: 1, data: "printf 'sc-%s\\n' 1 2 3 4 5 6; echo done-$((2*5))\r" });
    await rig.hub.outputContains(1, 'done-10', since);
    expect(rig.hub.output(1, since)).toContain('sc-6');
    expect(scrollsUp(rig.hub.output(1, since))).toBe(false);
  });

  it('does neither after a gateway restart re-attaches its tmux client', async () => {
    const reserved = Number(rig.sandbox.tmux('show-options', '-v', '-t', '=alt1:', '@vibe_seq_reserved').trim());
    expect(await rig.gw.stop('SIGTERM')).toBe(0);
    const connections = rig.hub.connections;
    rig.gw = startGateway(rig.sandbox, rig.hub.url, rigEnv('gw_alt'));
    await rig.hub.waitForConnection(connections + 1);
    const since = rig.hub.mark();
    // The new process numbers its frames from reserved + 1: this replays its tmux client from the first byte.
    rig.hub.send('session.attach', { session_id: 1, last_seq: reserved });
    rig.hub.send('session.input', { session_id: 1, data: 'echo again-$((5*5))\r' });
    await rig.hub.outputContains(1, 'again-25', since);
    expect(rig.hub.frames(1, since)[0]?.seq).toBe(reserved + 1);
    // The re-attached client redrew the screen the old one left (the earlier output is on it).
    expect(rig.hub.output(1, since)).toContain('done-10');
    expect(rig.hub.output(1, since)).not.toContain(ALTERNATE_SCREEN);
    expect(scrollsUp(rig.hub.output(1, since))).toBe(false);
  });
});
