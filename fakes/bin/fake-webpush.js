#!/usr/bin/env node
// Runs the Web Push service stand-in's TypeScript sources directly through tsx; prints the base URL on stdout.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../webpush/src/cli.ts');
await main();
