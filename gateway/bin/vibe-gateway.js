#!/usr/bin/env node
// Runs the gateway from its TypeScript source (the checkout, localcloud, tests): tsx compiles on the fly.
// The release ships a single bundled file instead (npm run build -w gateway), which needs no tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
