/**
 * The GatewayHub's provisioning-timeout alarm notifies through the channels the Worker's `GatewayHub` subclass plugs
 * in: one banner notice and one email, with a link into the app. Core's suite covers the alarm's state changes.
 */
import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { insertVps, latestMail, noticesOf, signIn } from './helpers.ts';

const hub = (gatewayId: string) => env.GATEWAY_HUB.get(env.GATEWAY_HUB.idFromName(gatewayId));

describe('provisioning timeout through the channels', () => {
  it('notifies once: a banner notice and an email linking to the VPS', async () => {
    const { cookie, userId, email } = await signIn();
    const { vpsId, gatewayId } = await insertVps(userId, 'slow-box');
    // A deadline already past: the hub's alarm fires at once, as it would ten minutes after the droplet was created.
    await hub(gatewayId).watchProvisioning(gatewayId, vpsId, Date.now() - 1);
    // The alarm notifies in the background (vitest's waitFor retries until its results are there).
    const background = { timeout: 10_000, interval: 10 };
    await vi.waitFor(
      async () => expect((await noticesOf(cookie, vpsId)).map((n) => n.kind)).toEqual(['vps.provisioning_timeout']),
      background,
    );
    await vi.waitFor(
      async () => expect((await latestMail(email)).subject).toBe('slow-box did not come up'),
      background,
    );
    const mail = await latestMail(email);
    // The test Worker has no PUBLIC_URL (no cloud settings): links are relative to the app.
    expect(mail.link).toBe(`/vps/${vpsId}`);
    // The alarm has nothing left to do: it does not fire again for this deadline.
    expect(await runDurableObjectAlarm(hub(gatewayId))).toBe(false);
    expect(await noticesOf(cookie, vpsId)).toHaveLength(1);
  });
});
