import { describe, expect, it } from 'vitest';
import { MAGIC_LINK_GLOBAL, MAGIC_LINK_PER_DOMAIN, MAGIC_LINK_PER_EMAIL, MAGIC_LINK_PER_IP } from './rate-limit.ts';
import { GLOBAL_SHARD, GLOBAL_SHARDS, signInCounters } from './sign-in-limits.ts';

describe('signInCounters', () => {
  it('counts the client, the mailbox, the domain and one shard of the overall cap, in that order', () => {
    expect(signInCounters({ ip: '2001:db8:7:8::42', email: 'J.Doe+x@googlemail.com' }, 3)).toEqual([
      { rule: MAGIC_LINK_PER_IP, subject: '2001:db8:7:8::/64' },
      { rule: MAGIC_LINK_PER_EMAIL, subject: 'jdoe@gmail.com' },
      { rule: MAGIC_LINK_PER_DOMAIN, subject: 'gmail.com' },
      { rule: GLOBAL_SHARD, subject: 'shard-3' },
    ]);
  });

  it('splits the overall cap over its shards without exceeding it', () => {
    expect(GLOBAL_SHARD.limit * GLOBAL_SHARDS).toBe(MAGIC_LINK_GLOBAL.limit);
    expect(MAGIC_LINK_PER_DOMAIN.limit).toBeLessThan(MAGIC_LINK_GLOBAL.limit);
  });
});
