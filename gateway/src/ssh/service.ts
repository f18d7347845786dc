/**
 * The `ssh.*` commands against the authorized_keys file: one change at a time, atomic writes (`.ssh` 0700,
 * file 0600), and a timer that removes each expiring key when its time comes, re-armed from the file after a
 * restart. OpenSSH's own `expiry-time` enforces the same time if the gateway is down; the timer keeps looking at
 * the wall clock, so a clock that jumps past an expiry does not keep the key in the file.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { echoRef, type MessageByType, message } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { HubLink } from '../link/hub-link.ts';
import {
  type Entry,
  managedKeys,
  nextExpiry,
  parseAuthorizedKeys,
  renderAuthorizedKeys,
  toWire,
  withKey,
  withoutExpired,
  withoutKey,
} from './authorized-keys.ts';
import { parsePublicKey } from './public-key.ts';

/** Keys the gateway manages at most (the protocol's ssh.keys list is bounded at 1000). */
const MAX_MANAGED_KEYS = 100;
/**
 * Longest wait before the wall clock is read again. Timers run on the monotonic clock, so a wall clock that jumps
 * forward (an NTP step after a drift, a VM resumed after a pause) would otherwise keep an expired key in the file,
 * and in `ssh.list`, until the whole monotonic wait ran out: hours or days for a support key. sshd refuses the key
 * at once by its `expiry-time`; this bounds how long the file still shows it. A comparison every few seconds, and
 * only while some key has an expiry, costs nothing.
 */
const WALL_CLOCK_CHECK_MS = 5_000;

export interface SshKeyServiceOptions {
  path: string;
  log: Logger;
  now?: () => Date;
}

export class SshKeyService {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => Date;

  constructor(private readonly opts: SshKeyServiceOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Removes keys that expired while the gateway was down and arms the timer for the next one. */
  start(): Promise<void> {
    return this.change((entries) => entries).then(() => undefined);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  async authorize(cmd: MessageByType['ssh.authorize'], out: HubLink): Promise<void> {
    await this.reply(out, cmd.ref, async () => {
      const key = parsePublicKey(cmd.public_key);
      if (cmd.expires_at && Date.parse(cmd.expires_at) <= this.now().getTime()) {
        throw new GatewayError('ssh.invalid_expiry', 'expires_at is in the past');
      }
      return this.change((entries) => {
        const next = withKey(entries, {
          fingerprint: key.fingerprint,
          algorithm: key.algorithm,
          base64: key.base64,
          label: cmd.label,
          type: cmd.key_type ?? 'user',
          addedAt: this.now().toISOString(),
          ...(cmd.expires_at ? { expiresAt: new Date(cmd.expires_at).toISOString() } : {}),
        });
        if (managedKeys(next).length > MAX_MANAGED_KEYS) {
          throw new GatewayError('ssh.too_many_keys', `at most ${MAX_MANAGED_KEYS} keys`);
        }
        this.opts.log.info('ssh key authorized', { fingerprint: key.fingerprint, key_type: cmd.key_type ?? 'user' });
        return next;
      });
    });
  }

  async revoke(cmd: MessageByType['ssh.revoke'], out: HubLink): Promise<void> {
    await this.reply(out, cmd.ref, () =>
      this.change((entries) => {
        if (!managedKeys(entries).some((k) => k.fingerprint === cmd.fingerprint)) {
          throw new GatewayError('ssh.not_found', 'no managed key has that fingerprint');
        }
        this.opts.log.info('ssh key revoked', { fingerprint: cmd.fingerprint });
        return withoutKey(entries, cmd.fingerprint);
      }),
    );
  }

  async list(cmd: MessageByType['ssh.list'], out: HubLink): Promise<void> {
    await this.reply(out, cmd.ref, () => this.change((entries) => entries));
  }

  private async reply(out: HubLink, ref: string | undefined, act: () => Promise<Entry[]>): Promise<void> {
    const r = echoRef(ref);
    try {
      const entries = await act();
      out.send(message('ssh.keys', { keys: toWire(managedKeys(entries)), ...r }));
    } catch (e) {
      const error = toGatewayError(e, 'ssh.failed');
      this.opts.log.warn('ssh command refused', { code: error.code, error: error.message });
      out.send(message('error', { ...error.detail, ...r }));
    }
  }

  /** Reads the file, applies `edit` (after dropping expired keys), writes it back if it changed. Serialized. */
  private change(edit: (entries: Entry[]) => Entry[]): Promise<Entry[]> {
    const run = async () => {
      const before = await this.read();
      const entries = edit(withoutExpired(parseAuthorizedKeys(before), this.now()));
      const after = renderAuthorizedKeys(entries);
      if (after !== before) await this.write(after);
      this.arm(entries);
      return entries;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private arm(entries: Entry[]): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const at = nextExpiry(entries);
    if (at === undefined) return;
    const delay = Math.min(Math.max(at - this.now().getTime(), 0), WALL_CLOCK_CHECK_MS);
    this.timer = setTimeout(() => {
      if (this.now().getTime() < at) {
        this.arm(entries);
        return;
      }
      this.change((e) => e).catch((err) => this.opts.log.error('removing expired keys failed', { error: String(err) }));
    }, delay);
    this.timer.unref();
  }

  private async read(): Promise<string> {
    try {
      return await readFile(this.opts.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw e;
    }
  }

  private async write(content: string): Promise<void> {
    const dir = dirname(this.opts.path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const tmp = `${this.opts.path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await chmod(tmp, 0o600);
      await rename(tmp, this.opts.path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
}
