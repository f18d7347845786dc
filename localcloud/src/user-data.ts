/**
 * Reads what a booting "droplet" needs from its cloud-init `user_data` (#cloud-config):
 *   - `dropletBootFromUserData`: the files `write_files` writes and the `runcmd` entry that runs one of them (the
 *     gateway's install script) — what a localcloud droplet does at its first boot, inside its sandbox;
 *   - `gatewayEnvFromUserData`: `VIBE_CP_URL` and `VIBE_BOOTSTRAP_TOKEN` from the file that sets them, for the
 *     test-only gateway command that skips the install.
 */
import { posix } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';

export interface GatewayBootEnv {
  cpUrl: string;
  bootstrapToken: string;
}

/** `KEY=value` lines as systemd's EnvironmentFile and a shell read them (`export`, quotes). */
export function envLines(content: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const raw of content.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(raw);
    if (!m?.[1]) continue;
    const value = (m[2] ?? '').trim();
    vars.set(m[1], /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value);
  }
  return vars;
}

type Reason = { reason: string };

function cloudConfig(userData: string): { doc: Record<string, unknown> } | Reason {
  if (!userData.startsWith('#cloud-config')) return { reason: 'user_data is not a #cloud-config document' };
  try {
    const doc: unknown = parse(userData);
    return { doc: doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>) : {} };
  } catch {
    return { reason: 'user_data is not valid YAML' };
  }
}

/** Returns the gateway's boot environment, or a reason why this user_data does not start a gateway. */
export function gatewayEnvFromUserData(userData: string): GatewayBootEnv | Reason {
  const parsed = cloudConfig(userData);
  if ('reason' in parsed) return parsed;
  const files = parsed.doc.write_files;
  if (!Array.isArray(files)) return { reason: 'user_data has no write_files' };
  for (const file of files) {
    const { content, encoding } = (file ?? {}) as { content?: unknown; encoding?: unknown };
    if (typeof content !== 'string') continue;
    const text = encoding === 'b64' || encoding === 'base64' ? Buffer.from(content, 'base64').toString() : content;
    const vars = envLines(text);
    const cpUrl = vars.get('VIBE_CP_URL');
    const bootstrapToken = vars.get('VIBE_BOOTSTRAP_TOKEN');
    if (cpUrl && bootstrapToken) return { cpUrl, bootstrapToken };
  }
  return { reason: 'no written file sets VIBE_CP_URL and VIBE_BOOTSTRAP_TOKEN' };
}

/** One `write_files` entry, decoded. `path` is absolute on the droplet; the sandbox maps it. */
export interface WrittenFile {
  path: string;
  content: Buffer;
  mode: number;
  append: boolean;
}

export interface DropletBoot {
  /** Every `write_files` entry, deferred ones included (cloud-init writes those before runcmd runs too). */
  files: WrittenFile[];
  /** The `runcmd` entry (an argv) whose argv[0] is one of `files`: the install script and its arguments. */
  install: string[];
}

/** cloud-init's `encoding` values: plain text, base64, gzip, gzip in base64. */
function decode(content: string, encoding: unknown): Buffer | undefined {
  switch (encoding ?? 'text/plain') {
    case 'text/plain':
      return Buffer.from(content);
    case 'b64':
    case 'base64':
      return Buffer.from(content, 'base64');
    case 'gz':
    case 'gzip':
      return gunzipSync(Buffer.from(content, 'latin1'));
    case 'gz+b64':
    case 'gz+base64':
    case 'gzip+b64':
    case 'gzip+base64':
      return gunzipSync(Buffer.from(content, 'base64'));
    default:
      return undefined;
  }
}

/** `'0755'` as cloud-init writes it; an unquoted YAML 1.2 `0755` arrives as the number 755. */
function fileMode(permissions: unknown): number | undefined {
  if (permissions === undefined) return 0o644;
  const text = typeof permissions === 'number' ? String(permissions) : permissions;
  return typeof text === 'string' && /^0?[0-7]{3,4}$/.test(text) ? Number.parseInt(text, 8) : undefined;
}

/** An absolute, normalised path without `..`: joined under a sandbox it stays inside it. */
const safePath = (path: unknown): path is string =>
  typeof path === 'string' &&
  path.startsWith('/') &&
  !path.includes('\0') &&
  posix.normalize(path) === path &&
  !path.split('/').includes('..');

/** What a droplet writes and runs at its first boot, or why this user_data installs no gateway. */
export function dropletBootFromUserData(userData: string): DropletBoot | Reason {
  const parsed = cloudConfig(userData);
  if ('reason' in parsed) return parsed;
  const { doc } = parsed;
  if (!Array.isArray(doc.write_files)) return { reason: 'user_data has no write_files' };
  const files: WrittenFile[] = [];
  for (const entry of doc.write_files) {
    const { path, content = '', encoding, permissions, append } = (entry ?? {}) as Record<string, unknown>;
    if (!safePath(path)) return { reason: `write_files has a path that is not absolute and normal: ${String(path)}` };
    if (typeof content !== 'string') return { reason: `write_files ${path}: content is not text` };
    let bytes: Buffer | undefined;
    try {
      bytes = decode(content, encoding);
    } catch {
      bytes = undefined;
    }
    if (!bytes) return { reason: `write_files ${path}: cannot decode encoding ${String(encoding)}` };
    const mode = fileMode(permissions);
    if (mode === undefined) return { reason: `write_files ${path}: permissions ${String(permissions)} is not octal` };
    files.push({ path, content: bytes, mode, append: append === true });
  }
  const runcmd = Array.isArray(doc.runcmd) ? doc.runcmd : [];
  const install = runcmd.find(
    (cmd): cmd is string[] =>
      Array.isArray(cmd) && cmd.every((arg) => typeof arg === 'string') && files.some((f) => f.path === cmd[0]),
  );
  if (!install) return { reason: 'no runcmd entry runs a file that write_files writes' };
  return { files, install };
}
