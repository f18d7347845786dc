import { env, exports } from 'cloudflare:workers';
import { FILE_CHUNK_BYTES, FILE_MAX_BYTES, FILE_MAX_IN_FLIGHT, message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { ORIGIN, signIn } from '../helpers/auth.ts';
import { eventually, untilOffline } from '../helpers/gateway-socket.ts';
import { connectSubscriber, createSession, errorOf, sessionOnGateway } from './subscriber.ts';

const setup = () => sessionOnGateway();

const filesUrl = (sessionId: string, path: string) =>
  `${ORIGIN}/api/sessions/${sessionId}/files?path=${encodeURIComponent(path)}`;

function put(
  cookie: string,
  sessionId: string,
  path: string,
  body: BodyInit | null,
  headers: Record<string, string> = {},
) {
  return exports.default.fetch(filesUrl(sessionId, path), {
    method: 'PUT',
    headers: { cookie, origin: ORIGIN, 'content-type': 'application/octet-stream', ...headers },
    body,
  });
}

function download(cookie: string, sessionId: string, path: string) {
  return exports.default.fetch(filesUrl(sessionId, path), { headers: { cookie } });
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A body produced on demand in 64 KiB pieces: the test never holds the file, and sees how far it was read. */
function lazyBody(size: number) {
  const piece = 64 * 1024;
  const state = { produced: 0 };
  const digest = new crypto.DigestStream('SHA-256');
  const writer = digest.getWriter();
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (state.produced >= size) {
          await writer.close();
          controller.close();
          return;
        }
        const n = Math.min(piece, size - state.produced);
        const bytes = new Uint8Array(n);
        for (let i = 0; i < n; i += 4096) bytes[i] = (state.produced + i) & 0xff;
        state.produced += n;
        await writer.write(bytes);
        controller.enqueue(bytes);
      },
    },
    { highWaterMark: 0 },
  );
  const { readable, writable } = new FixedLengthStream(size);
  void stream.pipeTo(writable).catch(() => undefined);
  return { body: readable, state, digest: digest.digest };
}

describe('file relay', () => {
  it('relays a 20 MiB upload in 128 KiB chunks, at most 4 in flight, reading the body only as fast as the gateway acks', {
    timeout: 60_000,
  }, async () => {
    const { user, gateway, session } = await setup();
    const { body, state, digest } = lazyBody(FILE_MAX_BYTES);
    let maxAhead = 0;
    let received = 0;
    gateway.onUploadChunk = () => {
      received++;
      maxAhead = Math.max(maxAhead, state.produced - received * FILE_CHUNK_BYTES);
    };
    const res = await put(user.cookie, session.id, 'data/big.bin', body, { 'content-length': String(FILE_MAX_BYTES) });
    expect(res.status, await res.clone().text()).toBe(201);
    const expected = Array.from(new Uint8Array(await digest), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(await res.json()).toEqual({ path: 'data/big.bin', size: FILE_MAX_BYTES, sha256: expected });

    const [uploadId] = [...gateway.uploadChunkSizes.keys()];
    const sizes = gateway.uploadChunkSizes.get(uploadId as string) ?? [];
    expect(sizes).toHaveLength(FILE_MAX_BYTES / FILE_CHUNK_BYTES);
    expect(sizes.every((n) => n === FILE_CHUNK_BYTES)).toBe(true);
    expect(gateway.maxUploadInFlight.get(uploadId as string)).toBe(FILE_MAX_IN_FLIGHT);
    // Bounded memory: the body was never read far ahead of what the gateway had received (the whole file is
    // 20 MiB; stream buffers between the test, the Worker and the hub account for the slack).
    expect(maxAhead).toBeLessThan(2 * 1024 * 1024);
  });

  it('uploads and downloads a file byte for byte, with a safe attachment name and length', async () => {
    const { user, gateway, session } = await setup();
    const bytes = new Uint8Array(300 * 1024).map((_, i) => (i * 7) & 0xff);
    const res = await put(user.cookie, session.id, 'notes/"weird" näme.bin', bytes);
    expect(res.status).toBe(201);
    expect(gateway.files.get('notes/"weird" näme.bin')?.sha256).toBe(await sha256Hex(bytes));

    const got = await download(user.cookie, session.id, 'notes/"weird" näme.bin');
    expect(got.status).toBe(200);
    expect(got.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="_weird_ n_me.bin"; filename*=UTF-8''%22weird%22%20n%C3%A4me.bin`,
    );
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    const acks = gateway.inbox.messages('file.download.ack').map((m) => m.seq);
    expect(acks).toEqual([0, 1, 2]);
  });

  it('refuses an oversized upload from Content-Length before reading the body', async () => {
    const { user, gateway, session } = await setup();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const { readable, writable } = new FixedLengthStream(FILE_MAX_BYTES + 1);
    void body.pipeTo(writable).catch(() => undefined);
    const res = await put(user.cookie, session.id, 'big.bin', readable, {
      'content-length': String(FILE_MAX_BYTES + 1),
    });
    expect(await errorOf(res)).toEqual({ status: 413, code: 'file.too_large' });
    expect(gateway.inbox.messages('file.upload.begin')).toEqual([]);
    expect(pulled).toBeLessThan(64);
  });

  it('refuses bad paths, a missing length and a wrong origin, and relays nothing', async () => {
    const { user, gateway, session } = await setup();
    for (const path of ['', '/etc/passwd', '../up.txt', 'a/../../b', 'dir/']) {
      expect(await errorOf(await put(user.cookie, session.id, path, new Uint8Array([1])))).toEqual({
        status: 400,
        code: 'file.path_invalid',
      });
      expect(await errorOf(await download(user.cookie, session.id, path))).toEqual({
        status: 400,
        code: 'file.path_invalid',
      });
    }
    const unsized = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1]));
        controller.close();
      },
    });
    expect(await errorOf(await put(user.cookie, session.id, 'x.txt', unsized))).toEqual({
      status: 411,
      code: 'file.length_required',
    });
    const evil = await put(user.cookie, session.id, 'x.txt', new Uint8Array([1]), { origin: 'http://evil.example' });
    expect(await errorOf(evil)).toEqual({ status: 403, code: 'http.cross_origin' });
    expect(gateway.inbox.messages('file.upload.begin')).toEqual([]);
    expect(gateway.inbox.messages('file.download')).toEqual([]);
    expect(gateway.files.size).toBe(0);
  });

  it('maps a gateway file error to a typed 4xx', async () => {
    const { user, session } = await setup();
    expect(await errorOf(await download(user.cookie, session.id, 'missing.txt'))).toEqual({
      status: 404,
      code: 'file.not_found',
    });
  });

  it('answers 503 gateway.offline when the gateway is gone', async () => {
    const { user, vps, gateway, session } = await setup();
    gateway.close();
    await untilOffline(vps.gatewayId);
    expect(await errorOf(await put(user.cookie, session.id, 'x.txt', new Uint8Array([1])))).toEqual({
      status: 503,
      code: 'gateway.offline',
    });
    expect(await errorOf(await download(user.cookie, session.id, 'x.txt'))).toEqual({
      status: 503,
      code: 'gateway.offline',
    });
  });

  it('gives another user 404 for both file routes and relays nothing', async () => {
    const { user, gateway, session } = await setup();
    expect((await put(user.cookie, session.id, 'mine.txt', new Uint8Array([1, 2]))).status).toBe(201);
    const stranger = await signIn();
    expect(await errorOf(await put(stranger.cookie, session.id, 'x.txt', new Uint8Array([1])))).toEqual({
      status: 404,
      code: 'session.not_found',
    });
    expect(await errorOf(await download(stranger.cookie, session.id, 'mine.txt'))).toEqual({
      status: 404,
      code: 'session.not_found',
    });
    expect(gateway.inbox.messages('file.upload.begin')).toHaveLength(1);
    expect(gateway.inbox.messages('file.download')).toEqual([]);
  });

  it('records session activity from output frames and from input', async () => {
    const { user, vps, gateway, session } = await setup();
    const typed = await createSession(user.cookie, vps.vpsId, 'typed');
    await env.DB.prepare('UPDATE sessions SET last_activity_at = NULL').run();
    gateway.output(session.number, new Uint8Array([1]));
    const viewer = await connectSubscriber(user.cookie, typed.id);
    viewer.send(message('session.input', { session_id: typed.number, data: 'x' }));
    for (const id of [session.id, typed.id]) {
      await eventually(async () => {
        const row = await env.DB.prepare('SELECT last_activity_at FROM sessions WHERE id = ?')
          .bind(id)
          .first<{ last_activity_at: number | null }>();
        expect(row?.last_activity_at).toBeGreaterThan(Date.now() - 10_000);
      });
    }
  });
});
