/** The gateway's long-lived credential and id, kept in `{stateDir}/credential.json` (0600, written atomically). */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GatewayError } from '../errors.ts';

export interface GatewayCredential {
  gatewayId: string;
  credential: string;
}

export const CREDENTIAL_FILE = 'credential.json';

/** Parses the stored file or a registration reply; undefined when either field is missing or not a string. */
export function parseCredential(value: unknown): GatewayCredential | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { gateway_id: gatewayId, credential } = value as Record<string, unknown>;
  if (typeof gatewayId !== 'string' || typeof credential !== 'string' || !gatewayId || !credential) return undefined;
  if (gatewayId.length > 200 || credential.length > 4096) return undefined;
  return { gatewayId, credential };
}

export async function readCredential(stateDir: string): Promise<GatewayCredential | undefined> {
  let text: string;
  try {
    text = await readFile(join(stateDir, CREDENTIAL_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GatewayError('credential.corrupt', `${CREDENTIAL_FILE} is not valid JSON`);
  }
  const cred = parseCredential(parsed);
  if (!cred) throw new GatewayError('credential.corrupt', `${CREDENTIAL_FILE} lacks gateway_id or credential`);
  return cred;
}

/** Writes the credential to a 0600 temp file in the state dir, then renames it into place. */
export async function writeCredential(stateDir: string, cred: GatewayCredential): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const path = join(stateDir, CREDENTIAL_FILE);
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify({ gateway_id: cred.gatewayId, credential: cred.credential })}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    await chmod(tmp, 0o600);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
