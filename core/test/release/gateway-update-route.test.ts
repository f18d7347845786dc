/**
 * `POST /api/vps/:id/gateway/update` and the offer on `GET /api/vps/:id`, against a release host over real HTTP
 * (core/vitest.release-host.ts) and a fake gateway on the real hub: who may ask, what the release host must serve,
 * and exactly what the gateway is sent.
 */
import { describe, expect, it } from 'vitest';
import { answer } from '../helpers/api-answer.ts';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway, eventually } from '../helpers/gateway-socket.ts';
import { errorOf } from '../hub/subscriber.ts';
import { callWith, releaseHost, SHA256, SIGNATURE_BASE64 } from './release-host.ts';

const route = (vpsId: string) => `/api/vps/${vpsId}/gateway/update`;
const post = { method: 'POST' } as const;

/** A signed-in user whose VPS's gateway runs `version` and is connected (or not). */
async function userWithGateway(version = '0.1.0', connected = true) {
  const user = await signIn();
  const vps = await createVpsWithGateway(user.userId);
  const gateway = connected ? await connectGateway(vps.credential, vps.gatewayId, { version }) : null;
  return { ...user, ...vps, gateway };
}

describe('POST /api/vps/:id/gateway/update', () => {
  it('sends the gateway exactly the offered release: version, tarball URL, the manifest sha256, the .sig as base64', async () => {
    const host = releaseHost();
    await host.publish('0.2.0');
    const { cookie, vpsId, gateway } = await userWithGateway('0.1.0');
    const res = await callWith(host.vars, route(vpsId), cookie, post);
    const { update } = await answer('POST /api/vps/:id/gateway/update', 202, res);
    expect(update).toMatchObject({ version: '0.2.0', stage: 'requested', received: null, total: null, error: null });
    expect(update.requested_at).toBe(update.at);
    const sent = await gateway?.inbox.nextMessage('gateway.update');
    expect(sent).toEqual({
      type: 'gateway.update',
      schema_version: '1',
      version: '0.2.0',
      url: `${host.base}vibe-gateway-0.2.0-linux-x64.tar.gz`,
      sha256: SHA256,
      signature: SIGNATURE_BASE64,
      ref: expect.stringMatching(/^upd-/),
    });
    // The control plane reads the manifest and the signature; the tarball is the gateway's to download.
    expect(await host.requests()).not.toContain(new URL(`${host.base}vibe-gateway-0.2.0-linux-x64.tar.gz`).pathname);

    const again = await callWith(host.vars, route(vpsId), cookie, post);
    expect(await errorOf(again)).toEqual({ status: 409, code: 'gateway.update_in_progress' });
  });

  it('refuses without a session (401), from another origin (403) and for another user’s VPS (404)', async () => {
    const host = releaseHost();
    await host.publish('0.2.0');
    const owner = await userWithGateway();
    const stranger = await signIn();
    expect(await errorOf(await callWith(host.vars, route(owner.vpsId), '', post))).toEqual({
      status: 401,
      code: 'auth.required',
    });
    const crossOrigin = { ...post, headers: { origin: 'https://evil.example' } };
    expect(await errorOf(await callWith(host.vars, route(owner.vpsId), owner.cookie, crossOrigin))).toEqual({
      status: 403,
      code: 'http.cross_origin',
    });
    expect(await errorOf(await callWith(host.vars, route(owner.vpsId), stranger.cookie, post))).toEqual({
      status: 404,
      code: 'vps.not_found',
    });
    await owner.gateway?.inbox.expectNothing((f) => f.kind === 'text' && f.msg.type === 'gateway.update');
  });

  it('refuses an offline gateway with 409 before asking the release host anything', async () => {
    const host = releaseHost();
    await host.publish('0.2.0');
    const never = await userWithGateway('0.1.0', false);
    expect(await errorOf(await callWith(host.vars, route(never.vpsId), never.cookie, post))).toEqual({
      status: 409,
      code: 'gateway.offline',
    });
    const gone = await userWithGateway('0.1.0');
    gone.gateway?.close();
    await eventually(async () =>
      expect(await errorOf(await callWith(host.vars, route(gone.vpsId), gone.cookie, post))).toEqual({
        status: 409,
        code: 'gateway.offline',
      }),
    );
    expect(await host.requests()).toEqual([]);
  });

  it('answers 503 release.unavailable when the manifest or the signature cannot be had', async () => {
    const { cookie, vpsId, gateway } = await userWithGateway('0.1.0');
    const missing = releaseHost();
    expect(await errorOf(await callWith(missing.vars, route(vpsId), cookie, post))).toEqual({
      status: 503,
      code: 'release.unavailable',
    });
    const invalid = releaseHost();
    await invalid.put('manifest.json', JSON.stringify({ version: '0.2.0', url: 'https://x' }));
    expect(await errorOf(await callWith(invalid.vars, route(vpsId), cookie, post))).toEqual({
      status: 503,
      code: 'release.unavailable',
    });
    const unsigned = releaseHost();
    await unsigned.publish('0.2.0', { signature: null });
    expect(await errorOf(await callWith(unsigned.vars, route(vpsId), cookie, post))).toEqual({
      status: 503,
      code: 'release.unavailable',
    });
    const notDer = releaseHost();
    await notDer.publish('0.2.0', { signature: new TextEncoder().encode('<html>not found</html>') });
    expect(await errorOf(await callWith(notDer.vars, route(vpsId), cookie, post))).toEqual({
      status: 503,
      code: 'release.unavailable',
    });
    await gateway?.inbox.expectNothing((f) => f.kind === 'text' && f.msg.type === 'gateway.update');
  });

  it('answers 409 when the gateway is up to date and when the release speaks another protocol', async () => {
    const { cookie, vpsId, gateway } = await userWithGateway('0.2.0');
    const same = releaseHost();
    await same.publish('0.2.0');
    expect(await errorOf(await callWith(same.vars, route(vpsId), cookie, post))).toEqual({
      status: 409,
      code: 'gateway.up_to_date',
    });
    const older = releaseHost();
    await older.publish('0.1.9');
    expect(await errorOf(await callWith(older.vars, route(vpsId), cookie, post))).toEqual({
      status: 409,
      code: 'gateway.up_to_date',
    });
    const incompatible = releaseHost();
    await incompatible.publish('0.3.0', { manifest: { schema_version: '2' } });
    expect(await errorOf(await callWith(incompatible.vars, route(vpsId), cookie, post))).toEqual({
      status: 409,
      code: 'release.incompatible',
    });
    await gateway?.inbox.expectNothing((f) => f.kind === 'text' && f.msg.type === 'gateway.update');
  });

  it('refuses with 503 cloud.not_configured where no release is configured', async () => {
    const { cookie, vpsId } = await userWithGateway('0.1.0');
    const res = await callWith({ GATEWAY_ARTIFACT_URL: undefined }, route(vpsId), cookie, post);
    expect(await errorOf(res)).toEqual({ status: 503, code: 'cloud.not_configured' });
  });
});

describe('the update offer on GET /api/vps/:id', () => {
  it('offers a newer compatible release, and nothing for an equal, older or incompatible one', async () => {
    const { cookie, vpsId } = await userWithGateway('0.1.0');
    const offer = async (manifest: Record<string, unknown> | null, version = '0.2.0') => {
      const host = releaseHost();
      if (manifest !== null) await host.publish(version, { manifest });
      const { vps } = await answer('GET /api/vps/:id', 200, await callWith(host.vars, `/api/vps/${vpsId}`, cookie));
      return vps.gateway?.update_available;
    };
    expect(await offer({})).toEqual({ version: '0.2.0' });
    expect(await offer({}, '0.1.0')).toBe(null);
    expect(await offer({}, '0.0.9')).toBe(null);
    expect(await offer({ schema_version: '2' })).toBe(null);
    expect(await offer(null)).toBe(null);
  });

  it('reads the manifest once a minute at most, however often the page asks', async () => {
    const host = releaseHost();
    await host.publish('0.2.0');
    const { cookie, vpsId } = await userWithGateway('0.1.0');
    for (let i = 0; i < 3; i++)
      await answer('GET /api/vps/:id', 200, await callWith(host.vars, `/api/vps/${vpsId}`, cookie));
    expect(await host.requests()).toHaveLength(1);
  });
});
