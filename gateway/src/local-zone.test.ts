import { describe, expect, it } from 'vitest';
import { localZone } from './local-zone.ts';

describe('localZone', () => {
  it('takes TZ first, with or without the leading colon', () => {
    expect(localZone('Europe/Berlin', () => '/usr/share/zoneinfo/Asia/Tokyo')).toBe('Europe/Berlin');
    expect(localZone(':America/New_York')).toBe('America/New_York');
  });

  it('else names the zone file /etc/localtime links to', () => {
    expect(localZone(undefined, () => '/usr/share/zoneinfo/Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(localZone('', () => '../usr/share/zoneinfo/Etc/UTC')).toBe('Etc/UTC');
  });

  it('falls back to UTC when there is no link or it names no zone file', () => {
    const noLink = () => {
      throw new Error('EINVAL');
    };
    expect(localZone(undefined, noLink)).toBe('UTC');
    expect(localZone(undefined, () => '/somewhere/else')).toBe('UTC');
  });
});
