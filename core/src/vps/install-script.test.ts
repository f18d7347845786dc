import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATEWAY_INSTALL_SCRIPT } from './install-script.generated.ts';

describe('embedded gateway install script', () => {
  it('is the text of gateway/deploy/install-gateway.sh (else run `npm run gen:install-script -w core`)', () => {
    const source = join(import.meta.dirname, '..', '..', '..', 'gateway', 'deploy', 'install-gateway.sh');
    expect(GATEWAY_INSTALL_SCRIPT).toBe(readFileSync(source, 'utf8'));
  });
});
