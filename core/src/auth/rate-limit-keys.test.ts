import { describe, expect, it } from 'vitest';
import { addressKey, domainKey, ipBucket } from './rate-limit-keys.ts';

describe('ipBucket', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(ipBucket('198.51.100.7')).toBe('198.51.100.7');
    expect(ipBucket(undefined)).toBe('unknown');
    expect(ipBucket('  ')).toBe('unknown');
  });

  it('puts every address of one IPv6 /64 in one bucket, however it is written', () => {
    const bucket = '2001:db8:1:2::/64';
    for (const ip of [
      '2001:db8:1:2::1',
      '2001:DB8:1:2:ffff:ffff:ffff:ffff',
      '2001:0db8:0001:0002:0:0:0:9',
      '[2001:db8:1:2::5]',
      '2001:db8:1:2::1%eth0',
      '2001:db8:1:2::192.0.2.1',
    ]) {
      expect(ipBucket(ip), ip).toBe(bucket);
    }
    expect(ipBucket('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(ipBucket('::1')).toBe('0:0:0:0::/64');
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 client', () => {
    expect(ipBucket('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(ipBucket('::ffff:c633:6407')).toBe('198.51.100.7');
  });

  it('keeps what does not parse as its own bucket', () => {
    for (const ip of ['1::2::3', '2001:db8::g', '1:2:3:4:5:6:7:8:9', '1:2:3', '::1.2.3.256']) {
      expect(ipBucket(ip), ip).toBe(ip);
    }
  });
});

describe('addressKey', () => {
  it('drops +tags and case for every domain, dots only where the provider ignores them', () => {
    expect(addressKey('Ada+News@Example.com')).toBe('ada@example.com');
    expect(addressKey('a.da+x+y@example.com')).toBe('a.da@example.com');
    expect(addressKey('J.Doe+a@gmail.com')).toBe('jdoe@gmail.com');
    expect(addressKey('j.d.o.e@googlemail.com')).toBe('jdoe@gmail.com');
    expect(addressKey('j.doe@mail.gmail.com.example')).toBe('j.doe@mail.gmail.com.example');
  });

  it('names the domain a mailbox belongs to, with Google aliases folded', () => {
    expect(domainKey('a@Example.COM')).toBe('example.com');
    expect(domainKey('a@googlemail.com')).toBe('gmail.com');
    expect(domainKey('a@sub.example.com')).toBe('sub.example.com');
  });
});
