import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const unit = join(import.meta.dirname, '..', 'deploy', 'vibe-gateway.service');

describe('deploy/vibe-gateway.service', () => {
  it('passes systemd-analyze verify with no warnings', () => {
    const r = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
  });

  it('runs the bundle with `run`, restarts it, and stops only the daemon so tmux sessions survive', () => {
    const text = readFileSync(unit, 'utf8');
    expect(text).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/vibe-gateway\/current\/vibe-gateway\.mjs run$/m);
    expect(text).toMatch(/^KillMode=process$/m);
    expect(text).toMatch(/^Restart=always$/m);
    expect(text).toMatch(/^User=vibe$/m);
  });
});
