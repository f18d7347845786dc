import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayEvent, MessageByType } from '@vibecode/schemas';
import { createLogger } from '@vibecode/schemas/log';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../errors.ts';
import type { Installed, installUpdate } from './install.ts';
import { PROGRESS_INTERVAL_MS, UpdateService } from './service.ts';
import { pendingPath, readState, rolledBackPath, type UpdateState, writeState } from './state.ts';

const base = mkdtempSync(join(tmpdir(), 'vibe-update-service-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const log = createLogger({}, () => undefined);
let n = 0;

const command: MessageByType['gateway.update'] = {
  type: 'gateway.update',
  schema_version: '1',
  version: '1.1.0',
  url: 'https://releases.example/vibe-gateway-1.1.0-linux-x64.tar.gz',
  sha256: 'a'.repeat(64),
  signature: 'MEUCIQ==',
  ref: 'u1',
};

const installed: Installed = {
  from: { version: '1.0.0', dir: '/r/releases/1.0.0' },
  to: { version: '1.1.0', dir: '/r/releases/1.1.0' },
  deadline: 0,
  watchdogPid: 1,
  pruned: [],
};

function service(version: string, install?: typeof installUpdate, now?: () => number) {
  const stateDir = join(base, `s${++n}`);
  mkdirSync(stateDir);
  const sent: GatewayEvent[] = [];
  const restart = vi.fn();
  const svc = new UpdateService({
    settings: { releaseRoot: '/r', publicKeyPath: '/k.pub', confirmMs: 60_000, stateDir },
    version,
    log,
    send: (e) => sent.push(e),
    restart,
    watchdogEnv: {},
    install,
    now,
  });
  const statuses = () =>
    sent.filter((e) => e.type === 'gateway.update.status') as MessageByType['gateway.update.status'][];
  return { svc, sent, statuses, restart, stateDir };
}

function state(stateDir: string): UpdateState {
  return {
    root: '/r',
    from: installed.from,
    to: installed.to,
    deadline: Date.now() + 60_000,
    startedAt: Date.now(),
    pidFile: join(stateDir, 'gateway.pid'),
    ref: 'u1',
  };
}

describe('the update service', () => {
  it('reports each stage with bounded progress, then restarts', async () => {
    let clock = 0;
    const install: typeof installUpdate = async (_settings, request, opts) => {
      expect(request).toMatchObject({ url: command.url, version: '1.1.0', sha256: command.sha256, ref: 'u1' });
      expect(request.signature).toEqual(Buffer.from(command.signature, 'base64'));
      opts.onStage?.('downloading');
      for (let received = 0; received <= 1000; received += 10) {
        clock += 10;
        opts.onProgress?.(received, 1000);
      }
      opts.onStage?.('verifying');
      opts.onStage?.('installing');
      return installed;
    };
    const { svc, statuses, restart } = service('1.0.0', install, () => clock);
    svc.handle(command);
    await vi.waitFor(() => expect(restart).toHaveBeenCalledOnce());
    const stages = statuses().map((s) => s.stage);
    expect([...new Set(stages)]).toEqual(['downloading', 'verifying', 'installing', 'restarting']);
    const progress = statuses().filter((s) => s.stage === 'downloading');
    // 1 s of 101 progress callbacks → one report per PROGRESS_INTERVAL_MS plus the first and the last.
    expect(progress.length).toBeLessThanOrEqual(1010 / PROGRESS_INTERVAL_MS + 2);
    expect(progress[0]).toMatchObject({ received: 0, total: 1000 });
    expect(progress.at(-1)).toMatchObject({ received: 1000, total: 1000 });
    expect(statuses().every((s) => s.ref === 'u1' && s.version === '1.1.0')).toBe(true);
  });

  it('fails with the typed error, refuses a second update while one runs, and is free again after', async () => {
    let finish: (e: Error) => void = () => undefined;
    const install: typeof installUpdate = () =>
      new Promise((_resolve, reject) => {
        finish = reject;
      });
    const { svc, statuses, restart } = service('1.0.0', install);
    svc.handle(command);
    svc.handle({ ...command, ref: 'u2' });
    expect(statuses()).toEqual([
      expect.objectContaining({ stage: 'failed', ref: 'u2', error: expect.objectContaining({ code: 'update.busy' }) }),
    ]);
    finish(new GatewayError('update.bad_signature', 'the release signature does not match'));
    await vi.waitFor(() => expect(statuses()).toHaveLength(2));
    expect(statuses()[1]).toMatchObject({ stage: 'failed', ref: 'u1', error: { code: 'update.bad_signature' } });
    svc.handle(command);
    expect(statuses()).toHaveLength(2);
    expect(restart).not.toHaveBeenCalled();
  });

  it('confirms a release on probation at the first welcome', async () => {
    const { svc, stateDir } = service('1.1.0');
    await writeState(pendingPath(stateDir), state(stateDir));
    await svc.start();
    await svc.welcomed();
    expect(await readState(pendingPath(stateDir))).toBeUndefined();
  });

  it('leaves an update for another release alone', async () => {
    const { svc, stateDir } = service('1.0.0');
    await writeState(pendingPath(stateDir), state(stateDir));
    await svc.start();
    await svc.welcomed();
    expect(await readState(pendingPath(stateDir))).toBeDefined();
  });

  it('refuses to run as the release that was rolled back', async () => {
    const { svc, stateDir } = service('1.1.0');
    await writeState(rolledBackPath(stateDir), { ...state(stateDir), rolledBack: { at: 1, reason: 'why' } });
    await expect(svc.start()).rejects.toMatchObject({ code: 'update.rolled_back' });
  });

  it('reports the rollback once the previous release is welcomed', async () => {
    const { svc, stateDir, statuses } = service('1.0.0');
    await writeState(rolledBackPath(stateDir), {
      ...state(stateDir),
      rolledBack: { at: 1, reason: '1.1.0 did not come back online within 60 s' },
    });
    await svc.start();
    await svc.welcomed();
    await svc.welcomed();
    expect(statuses()).toEqual([
      expect.objectContaining({
        stage: 'rolled_back',
        version: '1.1.0',
        ref: 'u1',
        error: { code: 'update.not_confirmed', message: '1.1.0 did not come back online within 60 s' },
      }),
    ]);
    expect(await readState(rolledBackPath(stateDir))).toBeUndefined();
  });
});
