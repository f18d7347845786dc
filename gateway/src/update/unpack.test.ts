import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packRelease, writeSyntheticRelease } from '../../test/synthetic-release.ts';
import { inspectRelease, isReleaseVersion, unpackTarball } from './unpack.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-unpack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('unpacking a release', () => {
  it('unpacks a tarball and reads its version', async () => {
    writeSyntheticRelease(join(dir, 'src'), '1.2.3-test.1');
    packRelease(join(dir, 'src'), join(dir, 'r.tar.gz'));
    await unpackTarball(join(dir, 'r.tar.gz'), join(dir, 'out'));
    expect(await inspectRelease(join(dir, 'out'), '1.2.3-test.1')).toBe('1.2.3-test.1');
    expect(await inspectRelease(join(dir, 'out'), undefined)).toBe('1.2.3-test.1');
  });

  it('refuses a version other than the announced one, a bad VERSION and a missing launcher', async () => {
    await expect(inspectRelease(join(dir, 'out'), '1.2.4')).rejects.toMatchObject({
      code: 'update.bad_release',
      message: expect.stringMatching(/says it is 1.2.3-test.1/),
    });
    writeSyntheticRelease(join(dir, 'bad'), '1.0.0');
    writeFileSync(join(dir, 'bad', 'VERSION'), '../../etc\n');
    await expect(inspectRelease(join(dir, 'bad'), undefined)).rejects.toMatchObject({ code: 'update.bad_release' });
    writeFileSync(join(dir, 'bad', 'VERSION'), '1.0.0\n');
    chmodSync(join(dir, 'bad', 'bin', 'vibe-gateway'), 0o644);
    await expect(inspectRelease(join(dir, 'bad'), undefined)).rejects.toMatchObject({
      code: 'update.bad_release',
      message: expect.stringMatching(/lacks bin\/vibe-gateway/),
    });
  });

  it('fails a file that is not a gzip tarball with update.bad_release', async () => {
    writeFileSync(join(dir, 'junk.tar.gz'), 'not a tarball');
    await expect(unpackTarball(join(dir, 'junk.tar.gz'), join(dir, 'junk'))).rejects.toMatchObject({
      code: 'update.bad_release',
    });
  });

  it('knows a version from a path', () => {
    expect(isReleaseVersion('0.1.0')).toBe(true);
    expect(isReleaseVersion('0.1.0-rc.1+build.5')).toBe(true);
    for (const bad of ['..', '0.1', '0.1.0/x', 'v0.1.0', `0.1.0-${'x'.repeat(70)}`])
      expect(isReleaseVersion(bad)).toBe(false);
  });
});
