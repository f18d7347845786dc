#!/usr/bin/env node
// Runs the gateway from its TypeScript source (the checkout, localcloud, tests): tsx compiles on the fly.
// A release ships the bundled file and its own Node instead (npm run release:gateway), which needs no tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
