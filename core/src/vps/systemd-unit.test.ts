import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATEWAY_ENV_FILE, GATEWAY_INSTALL_DIR } from './cloud-init.ts';

// cloud-init installs the release and writes the env file; the unit must look for both where cloud-init puts them.
const unit = readFileSync(join(import.meta.dirname, '../../../gateway/deploy/vibe-gateway.service'), 'utf8');

describe('gateway systemd unit and cloud-init agree', () => {
  it('reads its settings from the env file cloud-init writes', () => {
    expect(unit).toContain(`EnvironmentFile=-${GATEWAY_ENV_FILE}\n`);
  });

  it('runs the release cloud-init points `current` at', () => {
    expect(unit).toMatch(
      new RegExp(`^ExecStart=/usr/bin/node ${GATEWAY_INSTALL_DIR}/current/vibe-gateway\\.mjs run$`, 'm'),
    );
  });
});
