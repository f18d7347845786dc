import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  claimForRollback,
  confirmPending,
  pendingPath,
  readState,
  rolledBackPath,
  type UpdateState,
  writeState,
} from './state.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const state: UpdateState = {
  root: '/opt/vibe-gateway',
  from: { version: '1.0.0', dir: '/opt/vibe-gateway/releases/1.0.0' },
  to: { version: '1.1.0', dir: '/opt/vibe-gateway/releases/1.1.0' },
  deadline: 1_000_060_000,
  startedAt: 1_000_000_000,
  pidFile: '/home/vibe/.vibe-gateway/gateway.pid',
  ref: 'r1',
};

describe('the update state file', () => {
  it('round-trips, and a missing or foreign file is no state', async () => {
    expect(await readState(pendingPath(dir))).toBeUndefined();
    await writeState(pendingPath(dir), state);
    expect(await readState(pendingPath(dir))).toEqual(state);
    writeFileSync(join(dir, 'foreign.json'), '{"root": 1}');
    expect(await readState(join(dir, 'foreign.json'))).toBeUndefined();
    writeFileSync(join(dir, 'torn.json'), '{"root": "/x", "fr');
    expect(await readState(join(dir, 'torn.json'))).toBeUndefined();
  });

  it('lets exactly one of confirm and rollback win', async () => {
    await writeState(pendingPath(dir), state);
    expect(await confirmPending(dir)).toBe(true);
    expect(await claimForRollback(dir)).toBe(false);

    await writeState(pendingPath(dir), state);
    expect(await claimForRollback(dir)).toBe(true);
    expect(await confirmPending(dir)).toBe(false);
    expect(await readState(rolledBackPath(dir))).toEqual(state);

    await writeState(pendingPath(dir), state);
    const [confirmed, claimed] = await Promise.all([confirmPending(dir), claimForRollback(dir)]);
    expect(confirmed !== claimed).toBe(true);
  });
});
