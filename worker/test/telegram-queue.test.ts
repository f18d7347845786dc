/**
 * The Worker's `queue` handler, the `TELEGRAM_UPDATES` consumer, driven with batches as the Queue delivers them: each
 * update_id runs once (D1 claims), a failed run is retried with backoff, a message that is not an update is dropped.
 * The Bot API here is a closed port, so every run fails as when Telegram is down.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { claimOf, textUpdate, updateId } from './telegram-helpers.ts';

type Outcome = { acked: string[]; retried: { id: string; delaySeconds: number | undefined }[] };

/** A batch as the Queue delivers it, recording what the consumer does with each message. */
async function deliver(bodies: unknown[], attempts = 1, testEnv: Env = env): Promise<Outcome> {
  const outcome: Outcome = { acked: [], retried: [] };
  const messages = bodies.map((body, i) => ({
    id: `m${i}`,
    timestamp: new Date(),
    attempts,
    body,
    ack: () => {
      outcome.acked.push(`m${i}`);
    },
    retry: (options?: QueueRetryOptions) => {
      outcome.retried.push({ id: `m${i}`, delaySeconds: options?.delaySeconds });
    },
  }));
  const batch: MessageBatch<unknown> = {
    queue: 'vibecode-telegram-updates',
    metadata: { metrics: { backlogCount: bodies.length, backlogBytes: 0, oldestMessageTimestamp: new Date() } },
    messages,
    ackAll: () => {
      for (const message of messages) message.ack();
    },
    retryAll: (options?: QueueRetryOptions) => {
      for (const message of messages) message.retry(options);
    },
  };
  await worker.queue(batch, testEnv);
  return outcome;
}

async function insertClaim(id: number, state: string, claimedAt: number): Promise<void> {
  await env.DB.prepare('INSERT INTO telegram_updates (update_id, state, attempts, claimed_at) VALUES (?, ?, 1, ?)')
    .bind(id, state, claimedAt)
    .run();
}

describe('the Telegram updates consumer', () => {
  it('acknowledges an update_id that already ran, without running it again', async () => {
    const id = updateId();
    await insertClaim(id, 'done', Date.now());
    const result = await deliver([textUpdate(id)]);
    expect(result).toEqual({ acked: ['m0'], retried: [] });
    expect(await claimOf(id)).toEqual({ state: 'done', attempts: 1 });
  });

  it('retries a failed run with backoff and releases its claim for the retry', async () => {
    const id = updateId();
    const result = await deliver([textUpdate(id)]);
    expect(result.acked).toEqual([]);
    expect(result.retried).toHaveLength(1);
    const [retry] = result.retried;
    expect(retry?.id).toBe('m0');
    expect(retry?.delaySeconds).toBeGreaterThanOrEqual(3);
    expect(retry?.delaySeconds).toBeLessThanOrEqual(5);
    expect(await claimOf(id)).toEqual({ state: 'failed', attempts: 1 });

    const again = await deliver([textUpdate(id)], 3);
    expect(again.retried[0]?.delaySeconds).toBeGreaterThanOrEqual(10);
    expect(again.retried[0]?.delaySeconds).toBeLessThanOrEqual(20);
    expect(await claimOf(id)).toEqual({ state: 'failed', attempts: 2 });
  });

  it('leaves an update another run holds to that run, and takes it over once the lease ran out', async () => {
    const held = updateId();
    await insertClaim(held, 'running', Date.now());
    const busy = await deliver([textUpdate(held)]);
    expect(busy.acked).toEqual([]);
    expect(busy.retried.map((m) => m.id)).toEqual(['m0']);
    expect(await claimOf(held)).toEqual({ state: 'running', attempts: 1 });

    const abandoned = updateId();
    await insertClaim(abandoned, 'running', Date.now() - 10 * 60_000);
    await deliver([textUpdate(abandoned)]);
    expect(await claimOf(abandoned)).toEqual({ state: 'failed', attempts: 2 });
  });

  it('drops a message that is not an update: no retry can fix it', async () => {
    const result = await deliver(['not an update', { update_id: -1 }, null]);
    expect(result).toEqual({ acked: ['m0', 'm1', 'm2'], retried: [] });
  });

  it('keeps updates for later while the bot is not configured', async () => {
    const id = updateId();
    const result = await deliver([textUpdate(id)], 1, { ...env, TELEGRAM_BOT_TOKEN: '' } as Env);
    expect(result.acked).toEqual([]);
    expect(result.retried.map((m) => m.id)).toEqual(['m0']);
    expect(await claimOf(id)).toBeNull();
  });

  it('purges claims older than two days', async () => {
    const old = updateId();
    await insertClaim(old, 'done', Date.now() - 3 * 24 * 3_600_000);
    await deliver([textUpdate(updateId())]);
    expect(await claimOf(old)).toBeNull();
  });
});
