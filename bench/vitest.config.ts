import { defineConfig } from 'vitest/config';

// Only the bench's pure parts (statistics, ratios, table, output matching) are tests; the measurements run with
// `npm run bench`, never in `npm test`.
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
