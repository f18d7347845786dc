import { describe, expect, it } from 'vitest';
import { compareVersions, isNewer } from './semver.ts';

describe('compareVersions', () => {
  it('orders the examples of semver.org §11 from lowest to highest', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 0; i < ordered.length - 1; i++) {
      expect(compareVersions(ordered[i] as string, ordered[i + 1] as string), `${ordered[i]} < ${ordered[i + 1]}`).toBe(
        -1,
      );
      expect(compareVersions(ordered[i + 1] as string, ordered[i] as string)).toBe(1);
    }
  });

  it('compares numbers as numbers, not text, and ignores build metadata', () => {
    expect(compareVersions('0.10.0', '0.9.0')).toBe(1);
    expect(compareVersions('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
    expect(compareVersions('99999999999999999999.0.0', '99999999999999999998.0.0')).toBe(1);
  });

  it('refuses what is not semver', () => {
    expect(compareVersions('latest', '1.0.0')).toBe(null);
    expect(compareVersions('1.0', '1.0.0')).toBe(null);
    expect(isNewer('v1.0.1', '1.0.0')).toBe(false);
  });

  it('says a test build of the next version is newer than the release before it', () => {
    expect(isNewer('0.1.1-test.1', '0.1.0')).toBe(true);
    expect(isNewer('0.1.0', '0.1.0')).toBe(false);
    expect(isNewer('0.1.0-rc.1', '0.1.0')).toBe(false);
  });
});
