import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATEWAY_SYSTEMD_UNIT } from './gateway-unit.generated.ts';

describe('embedded gateway systemd unit', () => {
  it('is the text of gateway/deploy/vibe-gateway.service (else run `npm run gen:unit -w core`)', () => {
    const source = join(import.meta.dirname, '..', '..', '..', 'gateway', 'deploy', 'vibe-gateway.service');
    expect(GATEWAY_SYSTEMD_UNIT).toBe(readFileSync(source, 'utf8'));
  });
});
