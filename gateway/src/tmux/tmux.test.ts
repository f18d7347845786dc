import { describe, expect, it } from 'vitest';
import { boundSnapshotText, cleanEnvironment } from './tmux.ts';

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

describe('boundSnapshotText', () => {
  it('joins lines with CRLF', () => {
    expect(boundSnapshotText(['a', 'b', 'c'])).toBe('a\r\nb\r\nc');
  });

  it('drops the oldest lines to fit, keeping the newest', () => {
    expect(boundSnapshotText(['aaaa', 'bbbb', 'cc'], 9)).toBe('bbbb\r\ncc');
  });

  it('cuts a single oversized line from the front', () => {
    expect(boundSnapshotText(['abcdefgh'], 3)).toBe('fgh');
  });
});
