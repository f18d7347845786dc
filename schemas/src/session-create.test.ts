/**
 * A session's workdir reaches `tmux new-session -c`, which expands `#(command)` in it: the schema lets only
 * [A-Za-z0-9._-] segments through, so such a frame is refused before any gateway acts on it (the gateway checks
 * again on its own).
 */
import { describe, expect, it } from 'vitest';
import { message, parseTextFrame } from './parse.ts';

const create = (workdir: string) =>
  JSON.stringify(message('session.create', { session_id: 1, tmux_name: 'vibe-1', agent_type: 'shell', workdir }));

describe('session.create workdir', () => {
  it.each(['/home/vibe/workspace/fix-the-login-bug-1', '/srv/w/A_b.c-9', '/home/vibe/workspace/0f6c1e9a-4b7d'])(
    'accepts %j',
    (workdir) => {
      expect(parseTextFrame(create(workdir))).toMatchObject({ ok: true });
    },
  );

  it.each([
    '/home/vibe/workspace/a#(touch /tmp/x)',
    '/home/vibe/workspace/$(id)',
    '/home/vibe/workspace/a b',
    '/home/vibe/workspace/a;b',
    '/home/vibe/workspace/a`id`',
    '/home/vibe/workspace/caf\u00e9',
    '/home/vibe/workspace/a\nb',
  ])('refuses %j at /workdir', (workdir) => {
    expect(parseTextFrame(create(workdir))).toMatchObject({
      ok: false,
      error: { code: 'protocol.schema', path: '/workdir' },
    });
  });
});
