import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import {
  currentUpdate,
  isUpdateInProgress,
  settleOnHello,
  UPDATE_STALE_MS,
  type UpdateRecord,
  updateRequested,
  updateStateJson,
  withUpdateMessage,
} from './gateway-update.ts';

const t0 = Date.parse('2026-11-24T10:00:00.000Z');
const status = (stage: Parameters<typeof message<'gateway.update.status'>>[1]['stage'], extra = {}) =>
  message('gateway.update.status', { version: '0.2.0', stage, ...extra });

function run(steps: [number, Parameters<typeof withUpdateMessage>[1]][], start: UpdateRecord | null) {
  return steps.reduce((record, [at, msg]) => withUpdateMessage(record, msg, at), start);
}

describe('a gateway update as the hub tracks it', () => {
  it('follows the gateway through its stages and says updated when the new version says hello', () => {
    const asked = updateRequested('0.2.0', 'upd-1', t0);
    expect(isUpdateInProgress(asked, t0)).toBe(true);
    const restarting = run(
      [
        [t0 + 100, status('downloading', { received: 10, total: 40 })],
        [t0 + 200, status('downloading', { received: 40, total: 40 })],
        [t0 + 300, status('verifying')],
        [t0 + 400, status('installing')],
        [t0 + 500, status('restarting')],
      ],
      asked,
    );
    expect(restarting).toMatchObject({ stage: 'restarting', ref: 'upd-1', requestedAt: t0, at: t0 + 500 });
    const updated = settleOnHello(restarting, '0.2.0', t0 + 2000);
    expect(updated).toMatchObject({ stage: 'updated', error: null, at: t0 + 2000 });
    expect(isUpdateInProgress(updated, t0 + 2000)).toBe(false);
    expect(updateStateJson(updated as UpdateRecord)).toEqual({
      version: '0.2.0',
      stage: 'updated',
      received: null,
      total: null,
      error: null,
      requested_at: '2026-11-24T10:00:00.000Z',
      at: '2026-11-24T10:00:02.000Z',
    });
  });

  it('shows the download progress the gateway last reported', () => {
    const record = run([[t0 + 1, status('downloading', { received: 12_300_000, total: 40_100_000 })]], null);
    expect(record).toMatchObject({ stage: 'downloading', received: 12_300_000, total: 40_100_000, requestedAt: null });
  });

  it('says rolled back when another version says hello after restarting, then keeps the reason the gateway gives', () => {
    const restarting = run([[t0 + 1, status('restarting')]], updateRequested('0.2.0', 'upd-1', t0));
    const inferred = settleOnHello(restarting, '0.1.0', t0 + 70_000);
    expect(inferred).toMatchObject({ stage: 'rolled_back', version: '0.2.0', error: { code: 'update.did_not_take' } });
    const error = { code: 'update.not_welcomed', message: 'the new release did not say hello within 60 s' };
    const reported = withUpdateMessage(inferred, status('rolled_back', { error }), t0 + 71_000);
    expect(reported).toMatchObject({ stage: 'rolled_back', error, requestedAt: t0 });
    // Without a reason of its own, the inferred one stays.
    expect(withUpdateMessage(inferred, status('rolled_back'), t0 + 71_000)?.error?.code).toBe('update.did_not_take');
  });

  it('leaves an update before its restart alone when the link comes back with the old version', () => {
    const downloading = run([[t0 + 1, status('downloading', { received: 1 })]], updateRequested('0.2.0', 'r', t0));
    expect(settleOnHello(downloading, '0.1.0', t0 + 10)).toBe(downloading);
    expect(settleOnHello(null, '0.1.0', t0)).toBe(null);
  });

  it('records the gateway refusing the command (an error echoing its ref) as failed, and ignores other errors', () => {
    const asked = updateRequested('0.2.0', 'upd-1', t0);
    const refused = withUpdateMessage(
      asked,
      message('error', { code: 'update.busy', message: 'an update is running', ref: 'upd-1' }),
      t0 + 5,
    );
    expect(refused).toMatchObject({ stage: 'failed', error: { code: 'update.busy' } });
    expect(withUpdateMessage(asked, message('error', { code: 'x.y', message: 'm', ref: 'rpc-1' }), t0 + 5)).toBe(asked);
    expect(withUpdateMessage(asked, message('error', { code: 'x.y', message: 'm' }), t0 + 5)).toBe(asked);
  });

  it('times out an update that reports nothing for the stale period', () => {
    const asked = updateRequested('0.2.0', 'upd-1', t0);
    expect(currentUpdate(asked, t0 + UPDATE_STALE_MS - 1)).toBe(asked);
    expect(currentUpdate(asked, t0 + UPDATE_STALE_MS)).toMatchObject({
      stage: 'failed',
      error: { code: 'update.timed_out' },
      at: t0 + UPDATE_STALE_MS,
    });
    expect(isUpdateInProgress(asked, t0 + UPDATE_STALE_MS)).toBe(false);
    const failed = run([[t0 + 1, status('failed', { error: { code: 'update.bad_signature', message: 'no' } })]], asked);
    expect(currentUpdate(failed, t0 + 10 * UPDATE_STALE_MS)).toBe(failed);
  });

  it('starts a new record when the gateway reports another release than the one asked for', () => {
    const other = withUpdateMessage(
      updateRequested('0.2.0', 'upd-1', t0),
      message('gateway.update.status', { version: '0.3.0', stage: 'verifying' }),
      t0 + 1,
    );
    expect(other).toMatchObject({ version: '0.3.0', stage: 'verifying', ref: null, requestedAt: null });
  });
});
