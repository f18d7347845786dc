import { describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';

describe('createLogger', () => {
  it('writes one JSON object per line with the base and child fields', () => {
    const lines: string[] = [];
    const log = createLogger({ gateway_id: 'gw1' }, (line) => lines.push(line));
    log.child({ session_id: 7 }).info('session started', { tmux_name: 'vibe-7' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    const entry = JSON.parse(lines[0] ?? '');
    expect(entry).toMatchObject({
      level: 'info',
      msg: 'session started',
      gateway_id: 'gw1',
      session_id: 7,
      tmux_name: 'vibe-7',
    });
    expect(typeof entry.time).toBe('string');
  });
});
