/**
 * `GET /api/sessions/:id/folder?path=` through the Worker and the hub to a fake gateway socket: the listing comes
 * back as the API's JSON, bad paths are refused before anything reaches the gateway, and the gateway's typed file
 * errors keep their codes.
 */
import { exports } from 'cloudflare:workers';
import { type MessageByType, message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { answer } from '../helpers/api-answer.ts';
import { ORIGIN, signIn } from '../helpers/auth.ts';
import type { FakeGateway } from '../helpers/gateway-socket.ts';
import { api, errorOf, sessionOnGateway } from './subscriber.ts';

const at = '2026-11-24T10:00:00.000Z';

/** The fake gateway answers `file.list` from this table: a listing, or a file.error code. */
function answerLists(gateway: FakeGateway, folders: Record<string, MessageByType['file.listing']['entries'] | string>) {
  gateway.override = (msg) => {
    if (msg.type !== 'file.list') return false;
    const found = folders[msg.path] ?? 'file.not_found';
    const ref = msg.ref === undefined ? {} : { ref: msg.ref };
    gateway.send(
      typeof found === 'string'
        ? message('file.error', { session_id: msg.session_id, error: { code: found, message: found }, ...ref })
        : message('file.listing', {
            session_id: msg.session_id,
            path: msg.path,
            entries: found,
            truncated: false,
            ...ref,
          }),
    );
    return true;
  };
}

async function setup() {
  const { user, gateway, session } = await sessionOnGateway();
  answerLists(gateway, {
    '': [
      { name: 'src', kind: 'dir', size: 0, mtime: at },
      { name: 'notes.txt', kind: 'file', size: 5, mtime: at },
    ],
    src: [{ name: 'main.ts', kind: 'file', size: 11, mtime: at }],
    'notes.txt': 'file.not_a_folder',
    locked: 'file.denied',
    escape: 'file.path_invalid',
  });
  return { user, gateway, session };
}

const folderUrl = (sessionId: string, path?: string) =>
  `/api/sessions/${sessionId}/folder${path === undefined ? '' : `?path=${encodeURIComponent(path)}`}`;

describe('folder listing', () => {
  it('lists the workdir and a subfolder as the route contract says', async () => {
    const { user, gateway, session } = await setup();
    const root = await answer('GET /api/sessions/:id/folder', 200, await api(folderUrl(session.id), user.cookie));
    expect(root).toEqual({
      path: '',
      entries: [
        { name: 'src', kind: 'dir', size: 0, mtime: at },
        { name: 'notes.txt', kind: 'file', size: 5, mtime: at },
      ],
      truncated: false,
    });
    const empty = await answer('GET /api/sessions/:id/folder', 200, await api(folderUrl(session.id, ''), user.cookie));
    expect(empty.path).toBe('');
    const src = await answer('GET /api/sessions/:id/folder', 200, await api(folderUrl(session.id, 'src'), user.cookie));
    expect(src.entries.map((e) => e.name)).toEqual(['main.ts']);
    expect(gateway.inbox.messages('file.list').map((m) => [m.session_id, m.path])).toEqual([
      [session.number, ''],
      [session.number, ''],
      [session.number, 'src'],
    ]);
  });

  it('refuses each bad path with 400 file.path_invalid and asks the gateway nothing', async () => {
    const { user, gateway, session } = await setup();
    for (const path of [
      '/',
      '/etc',
      '..',
      '../x',
      'a/../../b',
      'src/',
      'a//b',
      './src',
      'a\\b',
      'a\nb',
      'x'.repeat(1025),
    ]) {
      expect(await errorOf(await api(folderUrl(session.id, path), user.cookie)), path).toEqual({
        status: 400,
        code: 'file.path_invalid',
      });
    }
    expect(gateway.inbox.messages('file.list')).toEqual([]);
  });

  it("keeps the gateway's reasons as typed errors", async () => {
    const { user, session } = await setup();
    const cases: [string, number, string][] = [
      ['gone', 404, 'file.not_found'],
      ['notes.txt', 400, 'file.not_a_folder'],
      ['locked', 403, 'file.denied'],
      ['escape', 400, 'file.path_invalid'],
    ];
    for (const [path, status, code] of cases) {
      expect(await errorOf(await api(folderUrl(session.id, path), user.cookie))).toEqual({ status, code });
    }
  });

  it('answers 409 session.not_running for an ended session', async () => {
    const { user, gateway, session } = await setup();
    expect((await api(`/api/sessions/${session.id}`, user.cookie, { method: 'DELETE' })).status).toBe(200);
    expect(await errorOf(await api(folderUrl(session.id), user.cookie))).toEqual({
      status: 409,
      code: 'session.not_running',
    });
    expect(gateway.inbox.messages('file.list')).toEqual([]);
  });

  it('answers 401 without a sign-in, 404 to another user, 503 when the gateway is offline', async () => {
    const { user, gateway, session } = await setup();
    const anonymous = await exports.default.fetch(`${ORIGIN}${folderUrl(session.id)}`);
    expect(await errorOf(anonymous)).toEqual({ status: 401, code: 'auth.required' });
    const stranger = await signIn();
    expect(await errorOf(await api(folderUrl(session.id), stranger.cookie))).toEqual({
      status: 404,
      code: 'session.not_found',
    });
    expect(await errorOf(await api(folderUrl('no-such-session'), user.cookie))).toEqual({
      status: 404,
      code: 'session.not_found',
    });
    expect(gateway.inbox.messages('file.list')).toEqual([]);
    gateway.close();
    await gateway.inbox.closed;
    expect(await errorOf(await api(folderUrl(session.id), user.cookie))).toEqual({
      status: 503,
      code: 'gateway.offline',
    });
  });
});
