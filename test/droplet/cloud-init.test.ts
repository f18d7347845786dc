import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedNoCloud, unhandledKeys } from './cloud-init.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('cloud-init in a root', () => {
  it('names the user_data keys that no module it runs would act on', () => {
    expect(
      unhandledKeys('#cloud-config\nusers: [default]\nwrite_files: []\nruncmd: [[a]]\npackages: [tmux]\n'),
    ).toEqual([]);
    expect(unhandledKeys('#cloud-config\nbootcmd: [[x]]\nruncmd: []\nssh_authorized_keys: []\n')).toEqual([
      'bootcmd',
      'ssh_authorized_keys',
    ]);
    expect(unhandledKeys('#cloud-config\n')).toEqual([]);
  });

  it('seeds a local NoCloud datasource and turns off every stage module list', () => {
    const root = mkdtempSync(join(tmpdir(), 'droplet-seed-'));
    dirs.push(root);
    mkdirSync(join(root, 'etc/cloud/cloud.cfg.d'), { recursive: true });
    seedNoCloud(root, '#cloud-config\nruncmd: []\n', 'i-1', 'box');
    const seed = join(root, 'var/lib/cloud/seed/nocloud');
    expect(readFileSync(join(seed, 'user-data'), 'utf8')).toBe('#cloud-config\nruncmd: []\n');
    expect(readFileSync(join(seed, 'meta-data'), 'utf8')).toBe(
      'instance-id: i-1\nlocal-hostname: box\ndsmode: local\n',
    );
    const config = readFileSync(join(root, 'etc/cloud/cloud.cfg.d/99-droplet-test.cfg'), 'utf8');
    for (const line of ['datasource_list: [NoCloud]', 'cloud_init_modules: []', 'cloud_final_modules: []']) {
      expect(config).toContain(line);
    }
  });
});
