import { describe, expect, it } from 'vitest';
import { cleanEnvironment } from './tmux.ts';

describe('cleanEnvironment', () => {
  it('drops the gateway settings and any outer tmux', () => {
    const env = cleanEnvironment({
      PATH: '/bin',
      VIBE_GATEWAY_CREDENTIAL: 'secret',
      VIBE_CP_URL: 'http://x',
      TMUX: '/tmp/tmux-0/default,1,0',
      TMUX_PANE: '%1',
      HOME: '/home/vibe',
    });
    expect(env).toEqual({ PATH: '/bin', HOME: '/home/vibe' });
  });
});
