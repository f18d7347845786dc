import type { GatewayDetail, GatewayUpdateState } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { gatewayUpdateView, isUpdating, outcomeText, progressText } from './gateway-update-view.ts';

const at = '2026-11-24T10:00:00.000Z';
const update = (stage: GatewayUpdateState['stage'], extra: Partial<GatewayUpdateState> = {}): GatewayUpdateState => ({
  version: '0.2.0',
  stage,
  received: null,
  total: null,
  error: null,
  requested_at: at,
  at,
  ...extra,
});
const gateway = (extra: Partial<GatewayDetail> = {}) => ({
  version: '0.1.0',
  connected: true,
  update_available: null,
  update: null,
  schema_error: null,
  ...extra,
});

describe('the progress of a gateway update', () => {
  it('reads as the stage, with the download in megabytes', () => {
    expect(progressText(update('requested'))).toBe('Starting the update to v0.2.0…');
    expect(progressText(update('downloading', { received: 12_300_000, total: 40_100_000 }))).toBe(
      'Downloading 12.3 / 40.1 MB',
    );
    expect(progressText(update('downloading', { received: 5_000_000 }))).toBe('Downloading 5.0 MB');
    expect(progressText(update('downloading'))).toBe('Downloading…');
    expect(progressText(update('verifying'))).toBe('Verifying…');
    expect(progressText(update('installing'))).toBe('Installing…');
    expect(progressText(update('restarting'))).toBe('Restarting…');
  });

  it('ends as updated, failed with its reason, or rolled back to the version running now', () => {
    const error = { code: 'update.not_welcomed', message: '0.2.0 did not say hello within 60 s' };
    expect(outcomeText(update('updated'), '0.2.0')).toBe('Updated to v0.2.0');
    expect(
      outcomeText(update('failed', { error: { code: 'update.bad_signature', message: 'bad signature' } }), '0.1.0'),
    ).toBe('Update failed: bad signature');
    expect(outcomeText(update('rolled_back', { error }), '0.1.0')).toBe(
      'Rolled back to v0.1.0: 0.2.0 did not say hello within 60 s',
    );
    expect(outcomeText(update('rolled_back'), null)).toBe('Rolled back');
  });

  it('runs from requested to restarting; the page polls only then', () => {
    expect(
      ['requested', 'downloading', 'verifying', 'installing', 'restarting'].every((s) =>
        isUpdating(update(s as never)),
      ),
    ).toBe(true);
    expect(isUpdating(update('updated'))).toBe(false);
    expect(isUpdating(update('failed'))).toBe(false);
    expect(isUpdating(update('rolled_back'))).toBe(false);
    expect(isUpdating(null)).toBe(false);
  });
});

describe('the gateway panel', () => {
  it('offers an update with its button while none runs and the gateway is connected', () => {
    expect(gatewayUpdateView(gateway({ update_available: { version: '0.2.0' } }))).toEqual({
      available: 'Update available: v0.2.0',
      canUpdate: true,
      progress: null,
      outcome: null,
      schemaError: null,
    });
    expect(gatewayUpdateView(gateway({ update_available: { version: '0.2.0' }, connected: false })).canUpdate).toBe(
      false,
    );
  });

  it('shows progress instead of the offer while an update runs', () => {
    const view = gatewayUpdateView(
      gateway({
        update_available: { version: '0.2.0' },
        update: update('downloading', { received: 1_000_000, total: 2_000_000 }),
      }),
    );
    expect(view).toMatchObject({
      available: null,
      canUpdate: false,
      progress: { text: 'Downloading 1.0 / 2.0 MB', received: 1_000_000, total: 2_000_000 },
      outcome: null,
    });
  });

  it('shows how the last update ended', () => {
    expect(gatewayUpdateView(gateway({ version: '0.2.0', update: update('updated') })).outcome).toEqual({
      text: 'Updated to v0.2.0',
      ok: true,
    });
    const failed = gatewayUpdateView(
      gateway({
        update_available: { version: '0.2.0' },
        update: update('failed', { error: { code: 'update.timed_out', message: 'the gateway reported nothing' } }),
      }),
    );
    expect(failed).toMatchObject({
      available: 'Update available: v0.2.0',
      outcome: { text: 'Update failed: the gateway reported nothing', ok: false },
    });
  });

  it('says plainly that the gateway speaks another protocol and how to update it from the console', () => {
    const command = 'vibe-gateway update --url https://releases.example.com/vibe-gateway-0.2.0-linux-x64.tar.gz';
    const refused = {
      code: 'gateway.schema_unsupported' as const,
      message: 'this gateway speaks protocol 0; this control plane speaks 1',
      gateway_schema_version: '0',
      schema_version: '1' as const,
      gateway_version: '0.0.9',
      update_command: command,
      at,
    };
    expect(gatewayUpdateView(gateway({ connected: false, schema_error: refused })).schemaError).toEqual({
      text: "This server's gateway speaks protocol 0; this control plane speaks 1, so it cannot connect. Update it from the server's console with:",
      command,
    });
    expect(
      gatewayUpdateView(gateway({ schema_error: { ...refused, update_command: null } })).schemaError?.text,
    ).toMatch(/console \(vibe-gateway update\)\.$/);
  });
});
