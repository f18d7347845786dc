import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestHub } from './hub.ts';
import { createSandbox, type GatewayProcess, type Sandbox, startGateway } from './sandbox.ts';

describe('ssh keys', () => {
  let hub: TestHub;
  let sandbox: Sandbox;
  let gw: GatewayProcess;
  let userKey: string;
  let userFingerprint: string;
  let supportKey: string;
  const existing = '# added by hand\nssh-ed25519 AAAAhandwritten laptop   \n';

  const env = () => ({ VIBE_GATEWAY_CREDENTIAL: 'cred-secret', VIBE_GATEWAY_ID: 'gw_s' });
  const keygen = (name: string) => {
    const file = join(sandbox.dir, name);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file]);
    const line = readFileSync(`${file}.pub`, 'utf8');
    const fp = execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1] as string;
    return { line, fp };
  };

  beforeAll(async () => {
    hub = await TestHub.start();
    sandbox = createSandbox();
    mkdirSync(dirname(sandbox.authorizedKeys), { recursive: true, mode: 0o755 });
    writeFileSync(sandbox.authorizedKeys, existing, { mode: 0o644 });
    const u = keygen('user');
    const s = keygen('support');
    userKey = u.line;
    userFingerprint = u.fp;
    supportKey = s.line;
    gw = startGateway(sandbox, hub.url, env());
    await hub.event('gateway.hello');
  });

  afterAll(async () => {
    await gw?.stop('SIGKILL');
    await hub?.stop();
    await sandbox?.cleanup();
  });

  it('authorizes a key: ssh.keys with the ssh-keygen fingerprint, hand-written lines kept, 0700/0600', async () => {
    const since = hub.mark();
    hub.send('ssh.authorize', { public_key: userKey, label: 'my laptop', ref: 'k1' });
    const keys = await hub.event('ssh.keys', { since });
    const fp = userFingerprint;
    expect(keys).toMatchObject({
      ref: 'k1',
      keys: [{ fingerprint: fp, label: 'my laptop', type: 'user', algorithm: 'ssh-ed25519' }],
    });
    const text = readFileSync(sandbox.authorizedKeys, 'utf8');
    expect(text.startsWith(existing)).toBe(true);
    expect(text).toContain(userKey.split(' ').slice(0, 2).join(' '));
    expect(statSync(sandbox.authorizedKeys).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(sandbox.authorizedKeys)).mode & 0o777).toBe(0o700);
  });

  it('refuses junk, options and several keys with a typed error carrying the ref', async () => {
    for (const [i, bad] of ['not a key', `no-pty ${userKey}`, `${userKey}${supportKey}`].entries()) {
      const since = hub.mark();
      hub.send('ssh.authorize', { public_key: bad, label: 'x', ref: `bad${i}` });
      expect(await hub.event('error', { since })).toMatchObject({ code: 'ssh.invalid_key', ref: `bad${i}` });
    }
    const since = hub.mark();
    hub.send('ssh.authorize', { public_key: userKey, label: 'x', expires_at: '2020-01-01T00:00:00Z', ref: 'past' });
    expect(await hub.event('error', { since })).toMatchObject({ code: 'ssh.invalid_expiry', ref: 'past' });
  });

  it('writes expiry-time with Z and removes the key on time, also after a restart', async () => {
    const expiresAt = new Date(Date.now() + 4000).toISOString();
    let since = hub.mark();
    hub.send('ssh.authorize', { public_key: supportKey, label: 'support', key_type: 'support', expires_at: expiresAt });
    const keys = await hub.event('ssh.keys', { since });
    expect(keys.keys.find((k) => k.type === 'support')).toMatchObject({ label: 'support', expires_at: expiresAt });
    const text = readFileSync(sandbox.authorizedKeys, 'utf8');
    expect(text).toMatch(/^expiry-time="\d{12}Z" ssh-ed25519 /m);
    // Restart before it expires: the new process re-arms the timer from the file.
    expect(await gw.stop('SIGTERM')).toBe(0);
    const conn = hub.connections;
    gw = startGateway(sandbox, hub.url, env());
    await hub.waitForConnection(conn + 1);
    const remaining = Date.parse(expiresAt) - Date.now();
    expect(remaining).toBeGreaterThan(0);
    // Wait for the new process's timer to take the key out, not for a fixed time a busy machine can overrun.
    const keyBody = supportKey.split(' ')[1] as string;
    await vi.waitFor(() => expect(readFileSync(sandbox.authorizedKeys, 'utf8')).not.toContain(keyBody), {
      timeout: remaining + 10_000,
      interval: 50,
    });
    // Taken out at its expiry, never before.
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    const after = readFileSync(sandbox.authorizedKeys, 'utf8');
    expect(after.startsWith(existing)).toBe(true);
    since = hub.mark();
    hub.send('ssh.list', { ref: 'l' });
    const listed = await hub.event('ssh.keys', { since });
    expect(listed.keys.map((k) => k.type)).toEqual(['user']);
  });

  it('revokes by fingerprint and says ssh.not_found for an unknown one', async () => {
    let since = hub.mark();
    hub.send('ssh.list', {});
    const [key] = (await hub.event('ssh.keys', { since })).keys;
    since = hub.mark();
    hub.send('ssh.revoke', { fingerprint: key?.fingerprint ?? '', ref: 'r' });
    expect(await hub.event('ssh.keys', { since })).toMatchObject({ ref: 'r', keys: [] });
    expect(readFileSync(sandbox.authorizedKeys, 'utf8')).toBe(existing);
    since = hub.mark();
    hub.send('ssh.revoke', { fingerprint: key?.fingerprint ?? '', ref: 'r2' });
    expect(await hub.event('error', { since })).toMatchObject({ code: 'ssh.not_found', ref: 'r2' });
  });
});
