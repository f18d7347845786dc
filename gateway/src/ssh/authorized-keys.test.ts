import { describe, expect, it } from 'vitest';
import {
  type Entry,
  expiryTime,
  type ManagedKey,
  managedKeys,
  nextExpiry,
  parseAuthorizedKeys,
  renderAuthorizedKeys,
  withKey,
  withoutExpired,
  withoutKey,
} from './authorized-keys.ts';
import { parsePublicKey } from './public-key.ts';

/** An ed25519 public key line whose 32 key bytes are all `fill`. */
function edLine(fill: number): string {
  const part = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  const blob = Buffer.concat([part(Buffer.from('ssh-ed25519')), part(Buffer.alloc(32, fill))]);
  return `ssh-ed25519 ${blob.toString('base64')}`;
}
const ED = edLine(1);
const ED2 = edLine(2);

function managed(line: string, extra: Partial<ManagedKey> = {}): ManagedKey {
  const k = parsePublicKey(line);
  return {
    fingerprint: k.fingerprint,
    algorithm: k.algorithm,
    base64: k.base64,
    label: 'laptop',
    type: 'user',
    addedAt: '2026-11-24T10:00:00.000Z',
    ...extra,
  };
}

describe('authorized_keys editing', () => {
  it('writes expiry-time in UTC with the Z, rounded down to the minute', () => {
    expect(expiryTime('2026-11-24T10:00:59.999Z')).toBe('202611241000Z');
    expect(expiryTime('2027-01-02T03:04:00.000Z')).toBe('202701020304Z');
  });

  it('keeps lines it does not manage byte for byte, in place', () => {
    const original = `# my keys\r\n${ED2} someone@host\n\ncommand="x" ${ED2} other\n   \nno-newline-at-end`;
    const entries = parseAuthorizedKeys(original);
    expect(renderAuthorizedKeys(entries)).toBe(original);
    const added = renderAuthorizedKeys(withKey(entries, managed(ED)));
    expect(added.startsWith(`${original}\n`)).toBe(true);
    const removed = renderAuthorizedKeys(withoutKey(parseAuthorizedKeys(added), managed(ED).fingerprint));
    expect(removed).toBe(`${original}\n`);
  });

  it('round-trips a managed key with its metadata and expiry', () => {
    const key = managed(ED, {
      label: 'support "quoted"\nlabel',
      type: 'support',
      expiresAt: '2026-11-25T10:00:00.000Z',
    });
    const text = renderAuthorizedKeys([{ kind: 'managed', key }]);
    expect(text.split('\n')[1]).toBe(`expiry-time="202611251000Z" ${ED} vibecode`);
    expect(text.split('\n')).toHaveLength(3);
    expect(managedKeys(parseAuthorizedKeys(text))).toEqual([key]);
  });

  it('treats a marker whose key line was edited by hand as unmanaged text', () => {
    const key = managed(ED, { expiresAt: '2026-11-25T10:00:00.000Z' });
    const tampered = renderAuthorizedKeys([{ kind: 'managed', key }]).replace('expiry-time="202611251000Z" ', '');
    const entries = parseAuthorizedKeys(tampered);
    expect(managedKeys(entries)).toEqual([]);
    expect(renderAuthorizedKeys(entries)).toBe(tampered);
  });

  it('replaces a key with the same fingerprint instead of duplicating it', () => {
    const entries = withKey(withKey([], managed(ED, { label: 'a' })), managed(ED, { label: 'b' }));
    expect(managedKeys(entries).map((k) => k.label)).toEqual(['b']);
  });

  it('drops expired keys and finds the next expiry', () => {
    const entries: Entry[] = [
      { kind: 'other', text: 'keep\n' },
      { kind: 'managed', key: managed(ED, { expiresAt: '2026-01-01T00:00:00.000Z' }) },
      { kind: 'managed', key: managed(ED2, { expiresAt: '2026-06-01T00:00:00.000Z' }) },
    ];
    expect(nextExpiry(entries)).toBe(Date.parse('2026-01-01T00:00:00.000Z'));
    const left = withoutExpired(entries, new Date('2026-03-01T00:00:00.000Z'));
    expect(managedKeys(left).map((k) => k.fingerprint)).toEqual([managed(ED2).fingerprint]);
    expect(left[0]).toEqual({ kind: 'other', text: 'keep\n' });
  });
});
