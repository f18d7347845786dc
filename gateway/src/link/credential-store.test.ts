import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCredential, readCredential, writeCredential } from './credential-store.ts';

describe('credential store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cred-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes 0600 and reads it back', async () => {
    const state = join(dir, 'state');
    await writeCredential(state, { gatewayId: 'gw_1', credential: 's3cret' });
    const file = join(state, 'credential.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(state)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ gateway_id: 'gw_1', credential: 's3cret' });
    await expect(readCredential(state)).resolves.toEqual({ gatewayId: 'gw_1', credential: 's3cret' });
  });

  it('reads nothing when there is no file, and refuses a corrupt one', async () => {
    await expect(readCredential(dir)).resolves.toBeUndefined();
    await writeFile(join(dir, 'credential.json'), '{"gateway_id":1}');
    await expect(readCredential(dir)).rejects.toMatchObject({ code: 'credential.corrupt' });
  });

  it('parses a registration reply', () => {
    expect(parseCredential({ gateway_id: 'g', credential: 'c' })).toEqual({ gatewayId: 'g', credential: 'c' });
    expect(parseCredential({ gateway_id: 'g' })).toBeUndefined();
    expect(parseCredential(null)).toBeUndefined();
  });
});
