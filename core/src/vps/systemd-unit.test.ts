import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATEWAY_ENV_FILE, GATEWAY_INSTALL_DIR, GATEWAY_RELEASE_KEY_FILE } from './cloud-init.ts';
import { GATEWAY_INSTALL_SCRIPT } from './install-script.generated.ts';

// cloud-init writes the env file and the release key; the install script unpacks the release under the install dir
// and copies this unit from it. The unit must look for each where they are put.
const unit = readFileSync(join(import.meta.dirname, '../../../gateway/deploy/vibe-gateway.service'), 'utf8');

describe('gateway systemd unit, cloud-init and the install script agree', () => {
  it('reads its settings from the env file cloud-init writes', () => {
    expect(unit).toContain(`EnvironmentFile=-${GATEWAY_ENV_FILE}\n`);
  });

  it('runs the release the install script points `current` at, with its bundled Node.js', () => {
    expect(unit).toMatch(new RegExp(`^ExecStart=${GATEWAY_INSTALL_DIR}/current/bin/vibe-gateway run$`, 'm'));
    expect(GATEWAY_INSTALL_SCRIPT).toContain(`base="$root${GATEWAY_INSTALL_DIR}"`);
    expect(GATEWAY_INSTALL_SCRIPT).toContain('ln -sfn "releases/$version"');
  });

  it('verifies updates with the key cloud-init writes, under the install dir', () => {
    expect(unit).toContain(`Environment=VIBE_RELEASE_ROOT=${GATEWAY_INSTALL_DIR}\n`);
    expect(unit).toContain(`Environment=VIBE_RELEASE_PUBLIC_KEY=${GATEWAY_RELEASE_KEY_FILE}\n`);
    expect(GATEWAY_INSTALL_SCRIPT).toContain(`key="$root${GATEWAY_RELEASE_KEY_FILE}"`);
  });
});
