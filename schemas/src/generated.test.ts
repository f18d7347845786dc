import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGenerated } from '../scripts/gen.ts';

describe('generated code', () => {
  it('matches schemas/json (run `npm run gen` after editing a schema)', async () => {
    const files = await renderGenerated();
    for (const [name, text] of Object.entries(files)) {
      const onDisk = readFileSync(join(import.meta.dirname, 'generated', name), 'utf8');
      expect(onDisk, `src/generated/${name} is stale`).toBe(text);
    }
  });
});
