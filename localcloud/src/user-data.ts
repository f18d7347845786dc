/**
 * Reads what a booting "droplet" needs from its cloud-init `user_data`: the gateway's `VIBE_CP_URL` and
 * `VIBE_BOOTSTRAP_TOKEN`, from the environment file the control plane's cloud-config writes (`write_files`).
 */
import { parse } from 'yaml';

export interface GatewayBootEnv {
  cpUrl: string;
  bootstrapToken: string;
}

function envLines(content: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const raw of content.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(raw);
    if (!m?.[1]) continue;
    const value = (m[2] ?? '').trim();
    vars.set(m[1], /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value);
  }
  return vars;
}

/** Returns the gateway's boot environment, or a reason why this user_data does not start a gateway. */
export function gatewayEnvFromUserData(userData: string): GatewayBootEnv | { reason: string } {
  if (!userData.startsWith('#cloud-config')) return { reason: 'user_data is not a #cloud-config document' };
  let doc: unknown;
  try {
    doc = parse(userData);
  } catch {
    return { reason: 'user_data is not valid YAML' };
  }
  const files = (doc as { write_files?: unknown } | null)?.write_files;
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
