import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const unit = join(import.meta.dirname, '..', 'deploy', 'vibe-gateway.service');

describe('deploy/vibe-gateway.service', () => {
  it('passes systemd-analyze verify with no warnings once the release it runs exists', () => {
    // verify insists that ExecStart's program exists; this machine has no /opt/vibe-gateway, so point the unit
    // at a stand-in release in a temp dir and check everything else as written.
    const dir = mkdtempSync(join(tmpdir(), 'vibe-unit-'));
    try {
      mkdirSync(join(dir, 'current', 'bin'), { recursive: true });
      writeFileSync(join(dir, 'current', 'bin', 'vibe-gateway'), '#!/bin/sh\n');
      chmodSync(join(dir, 'current', 'bin', 'vibe-gateway'), 0o755);
      const copy = join(dir, 'vibe-gateway.service');
      writeFileSync(copy, readFileSync(unit, 'utf8').replaceAll('/opt/vibe-gateway', dir));
      const r = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
      expect(r.error).toBeUndefined();
      expect(r.stderr.trim()).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs the current release's launcher with `run`, restarts it, and stops only the daemon so tmux sessions survive", () => {
    const text = readFileSync(unit, 'utf8');
    expect(text).toMatch(/^ExecStart=\/opt\/vibe-gateway\/current\/bin\/vibe-gateway run$/m);
    expect(text).toMatch(/^Environment=PATH=\/home\/vibe\/\.local\/bin:\/opt\/vibe-gateway\/current\/bin:/m);
    expect(text).toMatch(/^KillMode=process$/m);
    expect(text).toMatch(/^Restart=always$/m);
    expect(text).toMatch(/^User=vibe$/m);
  });
});
