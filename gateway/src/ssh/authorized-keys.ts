/**
 * Editing authorized_keys without touching what the gateway does not manage. A managed key is two lines: a
 * comment carrying its metadata, then the key with OpenSSH's `expiry-time` when it expires:
 *
 *   # vibecode-managed {"label":"laptop","type":"user","added_at":"…","expires_at":"…"}
 *   expiry-time="202611241000Z" ssh-ed25519 AAAA… vibecode
 *
 * Every other line is kept byte for byte, in place.
 */
import type { KeyType, SshKeys } from '@vibecode/schemas';
import { parsePublicKey } from './public-key.ts';

export const MARKER = '# vibecode-managed ';
const KEY_COMMENT = 'vibecode';

export interface ManagedKey {
  fingerprint: string;
  algorithm: string;
  base64: string;
  label: string;
  type: KeyType;
  addedAt: string;
  expiresAt?: string;
}

export type Entry = { kind: 'other'; text: string } | { kind: 'managed'; key: ManagedKey };

/** OpenSSH's expiry-time for a timestamp: UTC, to the minute, rounded down so access never outlives it. */
export function expiryTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}Z`;
}

function parseMarker(line: string): Omit<ManagedKey, 'fingerprint' | 'algorithm' | 'base64'> | undefined {
  if (!line.startsWith(MARKER)) return undefined;
  try {
    const meta = JSON.parse(line.slice(MARKER.length).trimEnd()) as Record<string, unknown>;
    const { label, type, added_at: addedAt, expires_at: expiresAt } = meta;
    if (typeof label !== 'string' || (type !== 'user' && type !== 'support') || typeof addedAt !== 'string') {
      return undefined;
    }
    if (expiresAt !== undefined && typeof expiresAt !== 'string') return undefined;
    return { label, type, addedAt, ...(expiresAt ? { expiresAt } : {}) };
  } catch {
    return undefined;
  }
}

function parseKeyLine(
  line: string,
  expiresAt: string | undefined,
): Pick<ManagedKey, 'fingerprint' | 'algorithm' | 'base64'> | undefined {
  let rest = line.trimEnd();
  if (expiresAt) {
    const prefix = `expiry-time="${expiryTime(expiresAt)}" `;
    if (!rest.startsWith(prefix)) return undefined;
    rest = rest.slice(prefix.length);
  }
  try {
    const key = parsePublicKey(rest);
    return { fingerprint: key.fingerprint, algorithm: key.algorithm, base64: key.base64 };
  } catch {
    return undefined;
  }
}

/** Splits the file into lines (each with its own terminator) and recognises the managed pairs. */
export function parseAuthorizedKeys(content: string): Entry[] {
  const lines = content.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const entries: Entry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const meta = parseMarker(line);
    const next = lines[i + 1];
    if (meta && next !== undefined) {
      const key = parseKeyLine(next, meta.expiresAt);
      if (key) {
        entries.push({ kind: 'managed', key: { ...key, ...meta } });
        i += 1;
        continue;
      }
    }
    entries.push({ kind: 'other', text: line });
  }
  return entries;
}

export function renderManaged(key: ManagedKey): string {
  const meta = {
    label: key.label,
    type: key.type,
    added_at: key.addedAt,
    ...(key.expiresAt ? { expires_at: key.expiresAt } : {}),
  };
  const options = key.expiresAt ? `expiry-time="${expiryTime(key.expiresAt)}" ` : '';
  return `${MARKER}${JSON.stringify(meta)}\n${options}${key.algorithm} ${key.base64} ${KEY_COMMENT}\n`;
}

export function renderAuthorizedKeys(entries: Entry[]): string {
  let out = '';
  for (const e of entries) {
    if (out.length > 0 && !out.endsWith('\n')) out += '\n';
    out += e.kind === 'other' ? e.text : renderManaged(e.key);
  }
  return out;
}

export const managedKeys = (entries: Entry[]): ManagedKey[] =>
  entries.flatMap((e) => (e.kind === 'managed' ? [e.key] : []));

/** Adds a key, replacing a managed key with the same fingerprint in place. */
export function withKey(entries: Entry[], key: ManagedKey): Entry[] {
  const at = entries.findIndex((e) => e.kind === 'managed' && e.key.fingerprint === key.fingerprint);
  if (at === -1) return [...entries, { kind: 'managed', key }];
  return entries.map((e, i) => (i === at ? { kind: 'managed', key } : e));
}

export const withoutKey = (entries: Entry[], fingerprint: string): Entry[] =>
  entries.filter((e) => !(e.kind === 'managed' && e.key.fingerprint === fingerprint));

export const withoutExpired = (entries: Entry[], now: Date): Entry[] =>
  entries.filter((e) => !(e.kind === 'managed' && e.key.expiresAt && Date.parse(e.key.expiresAt) <= now.getTime()));

/** The soonest expiry among managed keys, if any. */
export function nextExpiry(entries: Entry[]): number | undefined {
  const times = managedKeys(entries).flatMap((k) => (k.expiresAt ? [Date.parse(k.expiresAt)] : []));
  return times.length ? Math.min(...times) : undefined;
}

export function toWire(keys: ManagedKey[]): SshKeys['keys'] {
  return keys.map((k) => ({
    fingerprint: k.fingerprint,
    label: k.label,
    type: k.type,
    algorithm: k.algorithm,
    added_at: k.addedAt,
    ...(k.expiresAt ? { expires_at: k.expiresAt } : {}),
  }));
}
