/**
 * Which counters a sign-in mail request is checked against, in order: its client (IPv4 address or IPv6 /64), the
 * mailbox, the domain, then the overall cap. Each counter counts the requests that passed the ones before it, and
 * the first refusal stops the rest, so a flood refused per client never reaches the shared counters.
 *
 * The overall cap would make one Durable Object a hot spot, so it is split over `GLOBAL_SHARDS` counters, each with
 * its share, and each request counts against one picked at random: never more than the cap in total; at worst a
 * request is refused while another shard still has room.
 */

import {
  MAGIC_LINK_GLOBAL,
  MAGIC_LINK_PER_DOMAIN,
  MAGIC_LINK_PER_EMAIL,
  MAGIC_LINK_PER_IP,
  type RateLimitRule,
} from './rate-limit.ts';
import { addressKey, domainKey, ipBucket } from './rate-limit-keys.ts';

export const GLOBAL_SHARDS = 4;
export const GLOBAL_SHARD: RateLimitRule = {
  ...MAGIC_LINK_GLOBAL,
  limit: Math.floor(MAGIC_LINK_GLOBAL.limit / GLOBAL_SHARDS),
};

/** One counter: a rule and the subject it counts (hashed before it names a Durable Object). */
export type Counter = { rule: RateLimitRule; subject: string };

/** The counters of one request, in the order they are checked; `shard` picks the overall cap's shard. */
export function signInCounters(request: { ip: string | undefined; email: string }, shard: number): Counter[] {
  return [
    { rule: MAGIC_LINK_PER_IP, subject: ipBucket(request.ip) },
    { rule: MAGIC_LINK_PER_EMAIL, subject: addressKey(request.email) },
    { rule: MAGIC_LINK_PER_DOMAIN, subject: domainKey(request.email) },
    { rule: GLOBAL_SHARD, subject: `shard-${shard}` },
  ];
}
