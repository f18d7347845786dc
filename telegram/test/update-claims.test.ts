/** Once per update_id on a real D1: claim, finish, release for a retry, take over a dead run, purge. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openTelegramDb } from '../src/db/client.ts';
import { CLAIM_KEPT_MS, CLAIM_LEASE_MS, d1UpdateClaims } from '../src/db/update-claims.ts';

const claims = d1UpdateClaims(openTelegramDb(env.DB));
const T0 = 1_800_000_000_000;
let next = 1;
const updateId = () => {
  next += 1;
  return next;
};

describe('d1UpdateClaims', () => {
  it('claims a new update once; after it finishes it is a duplicate', async () => {
    const id = updateId();
    expect(await claims.claim(id, T0)).toEqual({ outcome: 'claimed', attempts: 1 });
    expect(await claims.claim(id, T0 + 1)).toEqual({ outcome: 'busy' });
    await claims.finish(id, T0 + 2);
    expect(await claims.claim(id, T0 + 3)).toEqual({ outcome: 'done' });
    expect(await claims.claim(id, T0 + CLAIM_LEASE_MS * 10)).toEqual({ outcome: 'done' });
  });

  it('lets a released (failed) update be claimed again, counting attempts', async () => {
    const id = updateId();
    await claims.claim(id, T0);
    await claims.release(id, T0 + 1);
    expect(await claims.claim(id, T0 + 2)).toEqual({ outcome: 'claimed', attempts: 2 });
    await claims.release(id, T0 + 3);
    expect(await claims.claim(id, T0 + 4)).toEqual({ outcome: 'claimed', attempts: 3 });
  });

  it('takes over a run that died once its lease ran out, not before', async () => {
    const id = updateId();
    await claims.claim(id, T0);
    expect(await claims.claim(id, T0 + CLAIM_LEASE_MS)).toEqual({ outcome: 'busy' });
    expect(await claims.claim(id, T0 + CLAIM_LEASE_MS + 1)).toEqual({ outcome: 'claimed', attempts: 2 });
  });

  it('purges claims older than it keeps', async () => {
    const old = updateId();
    const recent = updateId();
    await claims.claim(old, T0);
    await claims.finish(old, T0);
    await claims.claim(recent, T0 + 1);
    await claims.purge(T0 + CLAIM_KEPT_MS + 1);
    expect(await claims.claim(old, T0 + CLAIM_KEPT_MS + 2)).toEqual({ outcome: 'claimed', attempts: 1 });
    expect(await claims.claim(recent, T0 + 2)).toEqual({ outcome: 'busy' });
  });
});
