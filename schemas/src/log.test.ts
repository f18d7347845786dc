import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, silentLogger } from './log.ts';

describe('createLogger', () => {
  it('writes one JSON object per line with the base and child fields', () => {
    const lines: string[] = [];
    const log = createLogger({ gateway_id: 'gw1' }, (line) => lines.push(line));
    log.child({ session_id: 7 }).info('session started', { tmux_name: 'vibe-7' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    const entry = JSON.parse(lines[0] ?? '');
    expect(entry).toMatchObject({
      level: 'info',
      msg: 'session started',
      gateway_id: 'gw1',
      session_id: 7,
      tmux_name: 'vibe-7',
    });
    expect(Object.keys(entry).slice(0, 3)).toEqual(['time', 'level', 'msg']);
    expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
  });

  it('lets later fields win: the call over the child over the base', () => {
    const lines: string[] = [];
    const log = createLogger({ vps_id: 'a', user_id: 'u' }, (line) => lines.push(line)).child({ vps_id: 'b' });
    log.warn('x', { user_id: 'v' });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'warn', vps_id: 'b', user_id: 'v' });
  });

  describe('by default', () => {
    afterEach(() => vi.restoreAllMocks());

    it('writes to console.log, read at call time', () => {
      const spy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      createLogger({ request_id: 'r' }).error('boom');
      expect(JSON.parse(String(spy.mock.calls[0]?.[0]))).toMatchObject({ level: 'error', request_id: 'r' });
    });
  });

  it('has a silent logger that still makes children', () => {
    expect(() => silentLogger.child({ user_id: 'u' }).debug('nothing')).not.toThrow();
  });
});
