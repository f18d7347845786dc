/**
 * The decision `npm test` and `npm start` make about missing Debian packages (scripts/system-packages.mjs): install
 * them only as root with apt-get; otherwise stop with the one command to run. The root scripts have no workspace of
 * their own; this one already runs them (start-system.ts), so their pure logic is tested here.
 */
import { describe, expect, it } from 'vitest';
import { systemPackagesPlan } from '../../scripts/system-packages.mjs';

describe('systemPackagesPlan', () => {
  it('does nothing when nothing is missing, whoever runs it', () => {
    for (const root of [true, false]) {
      for (const apt of [true, false]) expect(systemPackagesPlan([], { root, apt })).toEqual({ action: 'none' });
    }
  });

  it('installs them itself as root with apt-get', () => {
    expect(systemPackagesPlan(['cloud-init', 'chromium'], { root: true, apt: true })).toEqual({
      action: 'install',
      packages: ['cloud-init', 'chromium'],
    });
  });

  it('otherwise names them, says why, and prints the one command to run', () => {
    const user = systemPackagesPlan(['cloud-init', 'chromium'], { root: false, apt: true });
    expect(user).toEqual({
      action: 'hint',
      message: expect.stringMatching(
        /^Missing system packages: cloud-init chromium\. Install them with: sudo apt-get install -y cloud-init chromium\n/,
      ),
    });
    expect(user.action === 'hint' && user.message).toContain("  cloud-init: validates the droplet's user_data");
    const noApt = systemPackagesPlan(['tmux'], { root: true, apt: false });
    expect(noApt.action === 'hint' && noApt.message.split('\n')[0]).toBe(
      'Missing system packages: tmux. Install them with: apt-get install -y tmux',
    );
    expect(systemPackagesPlan(['tmux'], { root: false, apt: false }).action).toBe('hint');
  });
});
