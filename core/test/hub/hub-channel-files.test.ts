/**
 * Core's `FileControl`, as the Worker hands it to the bot (`channelPorts(...).files`): the web's upload and download
 * through the same hub and relay, for the session's owner only, with the web's limit, path rules and error codes. A
 * refused upload never reads its body and cancels it (the bot's body is a lazy download from Telegram).
 */
import { env } from 'cloudflare:workers';
import { FILE_MAX_BYTES } from '@vibecode/schemas';
import { createLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import { channelPorts } from '../../src/notify/channel-ports.ts';
import { signIn } from '../helpers/auth.ts';
import { untilOffline } from '../helpers/gateway-socket.ts';
import { api, sessionOnGateway } from './subscriber.ts';

const files = () =>
  channelPorts(
    env,
    createLogger({}, () => undefined),
  ).files;

/** `bytes` as a stream that records how often it was read and whether it was cancelled. */
function watchedBody(bytes: Uint8Array) {
  const state = { pulls: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulls++;
        controller.enqueue(bytes);
        controller.close();
      },
      cancel() {
        state.cancelled = true;
      },
    },
    // Lazy, like the bot's download from Telegram: nothing is read before the relay asks.
    { highWaterMark: 0 },
  );
  return { body, state };
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer());
}

const text = (s: string) => new TextEncoder().encode(s);

describe("a channel's FileControl", () => {
  it("stores a file in the session's workdir under its name and hands it back byte for byte", async () => {
    const { user, gateway, session } = await sessionOnGateway();
    const bytes = new Uint8Array(200 * 1024).map((_, i) => (i * 13) & 0xff);
    const { body } = watchedBody(bytes);
    const saved = await files().upload(user.userId, session.id, { name: 'report.bin', size: bytes.byteLength, body });
    expect(saved).toEqual({ ok: true, value: { path: 'report.bin', size: bytes.byteLength } });
    expect(gateway.inbox.messages('file.upload.begin')).toEqual([
      expect.objectContaining({ session_id: session.number, filename: 'report.bin', dest_path: 'report.bin' }),
    ]);

    const got = await files().download(user.userId, session.id, 'report.bin');
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value).toMatchObject({ name: 'report.bin', size: bytes.byteLength });
    expect(await readAll(got.value.body)).toEqual(bytes);
  });

  it('puts a file in a folder of the workdir by a relative path, as the web can', async () => {
    const { user, gateway, session } = await sessionOnGateway();
    const { body } = watchedBody(text('a,b\n'));
    const saved = await files().upload(user.userId, session.id, { name: 'data/in.csv', size: 4, body });
    expect(saved).toEqual({ ok: true, value: { path: 'data/in.csv', size: 4 } });
    expect(gateway.files.get('data/in.csv')?.size).toBe(4);
  });

  it('refuses a file over the limit from its size alone: the body is cancelled unread, the gateway hears nothing', async () => {
    const { user, gateway, session } = await sessionOnGateway();
    const { body, state } = watchedBody(new Uint8Array(16));
    const result = await files().upload(user.userId, session.id, { name: 'big.bin', size: FILE_MAX_BYTES + 1, body });
    expect(result).toEqual({
      ok: false,
      error: { code: 'file.too_large', message: `files are limited to ${FILE_MAX_BYTES} bytes` },
    });
    expect(state).toEqual({ pulls: 0, cancelled: true });
    expect(gateway.inbox.messages('file.upload.begin')).toEqual([]);
  });

  it('refuses bad names and sizes, and bad download paths, with the web’s codes, relaying nothing', async () => {
    const { user, gateway, session } = await sessionOnGateway();
    for (const name of ['', '/etc/passwd', '../up.txt', 'a/../../b', 'dir/', 'tab\there', 'x'.repeat(1025)]) {
      const { body, state } = watchedBody(text('x'));
      expect(await files().upload(user.userId, session.id, { name, size: 1, body })).toMatchObject({
        ok: false,
        error: { code: 'file.path_invalid' },
      });
      expect(state).toEqual({ pulls: 0, cancelled: true });
      expect(await files().download(user.userId, session.id, name)).toMatchObject({
        ok: false,
        error: { code: 'file.path_invalid' },
      });
    }
    for (const size of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { body, state } = watchedBody(text('x'));
      expect(await files().upload(user.userId, session.id, { name: 'x.txt', size, body })).toMatchObject({
        ok: false,
        error: { code: 'file.length_required' },
      });
      expect(state.pulls).toBe(0);
    }
    expect(gateway.inbox.messages('file.upload.begin')).toEqual([]);
    expect(gateway.inbox.messages('file.download')).toEqual([]);
  });

  it('refuses a body that is not the size it was declared with, and the gateway keeps nothing', async () => {
    const { user, gateway, session } = await sessionOnGateway();
    const { body } = watchedBody(text('short'));
    const result = await files().upload(user.userId, session.id, { name: 'short.txt', size: 10, body });
    expect(result).toMatchObject({ ok: false, error: { code: 'file.size_mismatch' } });
    expect(gateway.files.has('short.txt')).toBe(false);
  });

  it('rejects with the body’s own failure when it breaks before its first byte, and the gateway drops the upload', async () => {
    const { user, gateway, session } = await sessionOnGateway();
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          controller.error(new Error('the source went away'));
        },
      },
      { highWaterMark: 0 },
    );
    await expect(files().upload(user.userId, session.id, { name: 'broken.bin', size: 10, body })).rejects.toThrow(
      'the source went away',
    );
    expect(await gateway.inbox.nextMessage('file.upload.abort')).toMatchObject({ type: 'file.upload.abort' });
    expect(gateway.files.has('broken.bin')).toBe(false);
  });

  it('answers a missing file with the gateway’s file.not_found', async () => {
    const { user, session } = await sessionOnGateway();
    expect(await files().download(user.userId, session.id, 'missing.txt')).toMatchObject({
      ok: false,
      error: { code: 'file.not_found' },
    });
  });

  it("gives another user's id session.not_found for both, reading and relaying nothing", async () => {
    const { user, gateway, session } = await sessionOnGateway();
    const mine = watchedBody(text('mine'));
    expect((await files().upload(user.userId, session.id, { name: 'mine.txt', size: 4, body: mine.body })).ok).toBe(
      true,
    );
    const stranger = await signIn();
    const { body, state } = watchedBody(text('evil'));
    const notFound = { ok: false, error: { code: 'session.not_found', message: 'no such session' } };
    expect(await files().upload(stranger.userId, session.id, { name: 'x.txt', size: 4, body })).toEqual(notFound);
    expect(state).toEqual({ pulls: 0, cancelled: true });
    expect(await files().download(stranger.userId, session.id, 'mine.txt')).toEqual(notFound);
    expect(await files().download(user.userId, 'no-such-session', 'mine.txt')).toEqual(notFound);
    expect(gateway.inbox.messages('file.upload.begin')).toHaveLength(1);
    expect(gateway.inbox.messages('file.download')).toEqual([]);
  });

  it('refuses an ended session (session.not_running) and an offline gateway (gateway.offline)', async () => {
    const { user, gateway, session } = await sessionOnGateway();
    const second = await sessionOnGateway();
    second.gateway.close();
    await untilOffline(second.vps.gatewayId);
    const offline = watchedBody(text('x'));
    expect(
      await files().upload(second.user.userId, second.session.id, { name: 'x.txt', size: 1, body: offline.body }),
    ).toMatchObject({ ok: false, error: { code: 'gateway.offline' } });
    // The hub refused it: RPC may have read ahead into the body, which was released either way.

    const ended = await api(`/api/sessions/${session.id}`, user.cookie, { method: 'DELETE' });
    expect(ended.status, await ended.clone().text()).toBeLessThan(300);
    const late = watchedBody(text('x'));
    expect(await files().upload(user.userId, session.id, { name: 'x.txt', size: 1, body: late.body })).toMatchObject({
      ok: false,
      error: { code: 'session.not_running' },
    });
    expect(await files().download(user.userId, session.id, 'x.txt')).toMatchObject({
      ok: false,
      error: { code: 'session.not_running' },
    });
    expect(gateway.inbox.messages('file.upload.begin')).toEqual([]);
  });
});
