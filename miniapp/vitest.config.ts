/** The Mini App's pure logic, in Node: no DOM, no Telegram, no network (each test passes its own doubles). */
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['src/**/*.test.ts'], environment: 'node' } });
