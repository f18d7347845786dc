/**
 * The cron's power part as the composed Worker runs it (`scheduled` → core's `runCron`): a power-on whose gateway
 * never said hello becomes `power_on_timeout`, seen where the user sees it (the server's API, with Retry's status).
 * No cloud is configured in these bindings, so the sweep reads no droplet (core's workerd suite covers the reads
 * against localcloud); the rest of the cron runs beside it. Time is driven by the controller's `scheduledTime`.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { api, insertVps, signIn } from './helpers.ts';

const MINUTE = 60_000;

async function cron(scheduledTime: number): Promise<void> {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ scheduledTime, cron: '*/5 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const statusOf = async (vpsId: string, cookie: string) =>
  ((await (await api(`/api/vps/${vpsId}`, cookie)).json()) as { vps: { status: string } }).vps.status;

describe('scheduled power sweep', () => {
  it('turns a power-on that never came back into power_on_timeout, and leaves a recent one alone', async () => {
    const { cookie, userId } = await signIn();
    const late = await insertVps(userId, 'late-box');
    const recent = await insertVps(userId, 'recent-box');
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("UPDATE vps SET status = 'powering_on', updated_at = ? WHERE id = ?").bind(now, late.vpsId),
      env.DB.prepare("UPDATE vps SET status = 'powering_on', updated_at = ? WHERE id = ?").bind(
        now + 4 * MINUTE,
        recent.vpsId,
      ),
    ]);
    expect(await statusOf(late.vpsId, cookie)).toBe('powering_on');

    // Five minutes after the cloud finished the power-on of the first, one minute after the second's.
    await cron(now + 5 * MINUTE);
    expect(await statusOf(late.vpsId, cookie)).toBe('power_on_timeout');
    expect(await statusOf(recent.vpsId, cookie)).toBe('powering_on');
  });
});
