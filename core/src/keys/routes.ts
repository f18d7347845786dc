/**
 * SSH keys on a VPS (user keys, and the time-limited support key). Every change goes through the gateway
 * (`ssh.authorize` / `ssh.revoke` → `ssh.keys`) first; D1 records what the gateway reports back.
 */
import type { ApiResponse } from '@vibecode/schemas';
import { SSH_FINGERPRINT_PATTERN, type SshPublicKey, sshFingerprint } from '@vibecode/schemas/ssh-key';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { openDb } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import { readApiBody } from '../http/json-body.ts';
import { addLogFields } from '../http/log-fields.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { gatewayForVps, hubStub, unwrapHub } from '../hub/hub-client.ts';
import { findOwnedVps } from '../ownership.ts';
import { invalidKey, parseAddKey } from './key-body.ts';
import { findKey, findKeysOfType, type GatewayKey, keyJson, listKeys, reconcileKeys, upsertKey } from './store.ts';
import { SUPPORT_ACCESS_MS, SUPPORT_LABEL, supportKey } from './support-key.ts';

async function ownedVpsAndHub(c: Context<AppEnv>) {
  const db = openDb(c.env.DB);
  const vps = await findOwnedVps(db, c.get('user').id, c.req.param('id') ?? '');
  addLogFields(c, { vps_id: vps.id });
  return { db, vps, hub: async () => hubStub(c.env, (await gatewayForVps(db, vps.id)).id) };
}

async function authorize(
  c: Context<AppEnv>,
  key: SshPublicKey,
  label: string,
  keyType: 'user' | 'support',
  expiresAt?: number,
) {
  const { db, vps, hub } = await ownedVpsAndHub(c);
  const keys = unwrapHub(
    await (await hub()).ssh({
      type: 'ssh.authorize',
      public_key: key.line,
      label,
      key_type: keyType,
      ...(expiresAt === undefined ? {} : { expires_at: new Date(expiresAt).toISOString() }),
    }),
  );
  // WebCrypto's SHA-256: the Worker has no node:crypto.
  const wanted = sshFingerprint(new Uint8Array(await crypto.subtle.digest('SHA-256', key.blob)));
  const reported = keys.find((k: GatewayKey) => k.fingerprint === wanted);
  if (!reported) throw new ApiError(502, 'gateway.protocol', 'the gateway did not list the key it was asked to add');
  await reconcileKeys(db, vps.id, keys);
  const row = await upsertKey(db, vps.id, key.line, reported, Date.now());
  // Adding a key and granting support access answer alike.
  return c.json({ key: keyJson(row) } satisfies ApiResponse<'POST /api/vps/:id/keys'>, 201);
}

export const keyRoutes = new Hono<AppEnv>()
  .get('/api/vps/:id/keys', requireUser, async (c) => {
    const { db, vps } = await ownedVpsAndHub(c);
    return c.json({
      keys: (await listKeys(db, vps.id, Date.now())).map(keyJson),
    } satisfies ApiResponse<'GET /api/vps/:id/keys'>);
  })
  .post('/api/vps/:id/keys', sameOrigin(), requireUser, async (c) => {
    const { key, label } = parseAddKey(await readApiBody(c, 'POST /api/vps/:id/keys', { public_key: invalidKey() }));
    return authorize(c, key, label, 'user');
  })
  .delete('/api/vps/:id/keys/:fingerprint', sameOrigin(), requireUser, async (c) => {
    const { db, vps, hub } = await ownedVpsAndHub(c);
    const wanted = c.req.param('fingerprint');
    if (!SSH_FINGERPRINT_PATTERN.test(wanted)) {
      throw new ApiError(400, 'ssh.invalid_fingerprint', 'expected an OpenSSH SHA256 fingerprint (URL-encoded)');
    }
    if ((await findKey(db, vps.id, wanted)) === null)
      throw new ApiError(404, 'ssh.key_not_found', 'no such key on this VPS');
    const keys = unwrapHub(await (await hub()).ssh({ type: 'ssh.revoke', fingerprint: wanted }));
    await reconcileKeys(
      db,
      vps.id,
      keys.filter((k) => k.fingerprint !== wanted),
    );
    return c.body(null, 204);
  })
  .post('/api/vps/:id/support-access', sameOrigin(), requireUser, async (c) => {
    const key = supportKey(c.env.SUPPORT_PUBLIC_KEY);
    return authorize(c, key, SUPPORT_LABEL, 'support', Date.now() + SUPPORT_ACCESS_MS);
  })
  .delete('/api/vps/:id/support-access', sameOrigin(), requireUser, async (c) => {
    const { db, vps, hub } = await ownedVpsAndHub(c);
    const granted = await findKeysOfType(db, vps.id, 'support');
    if (granted.length === 0) throw new ApiError(404, 'support.not_granted', 'support access is not granted');
    const stub = await hub();
    let keys: GatewayKey[] = [];
    for (const row of granted) keys = unwrapHub(await stub.ssh({ type: 'ssh.revoke', fingerprint: row.fingerprint }));
    const revoked = new Set(granted.map((row) => row.fingerprint));
    await reconcileKeys(
      db,
      vps.id,
      keys.filter((k) => !revoked.has(k.fingerprint)),
    );
    return c.body(null, 204);
  });
