import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unitStart } from './unit-file.ts';

describe('unitStart', () => {
  it('starts the real unit from the sandbox', () => {
    const unit = readFileSync(join(import.meta.dirname, '../../gateway/deploy/vibe-gateway.service'), 'utf8');
    expect(unitStart(unit, '/sb/1')).toEqual({
      argv: ['/sb/1/opt/vibe-gateway/current/bin/vibe-gateway', 'run'],
      cwd: '/sb/1/home/vibe',
    });
  });

  it('reads only [Service] and refuses what it does not emulate', () => {
    expect(unitStart('[Unit]\nExecStart=/x\n', '/sb')).toEqual({ reason: 'the unit has no ExecStart in [Service]' });
    expect(unitStart('[Service]\nExecStart=/bin/echo a  b\n', '/sb')).toEqual({
      argv: ['/sb/bin/echo', 'a', 'b'],
      cwd: '/sb',
    });
    for (const line of ['-/bin/true', '/bin/sh -c "x"', '/bin/echo $HOME', 'true']) {
      expect(unitStart(`[Service]\nExecStart=${line}\n`, '/sb')).toHaveProperty('reason');
    }
  });
});
