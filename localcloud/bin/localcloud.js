#!/usr/bin/env node
// Runs localcloud's TypeScript sources directly through tsx; prints the base URL on stdout.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main();
