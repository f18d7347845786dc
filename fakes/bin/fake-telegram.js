#!/usr/bin/env node
// Runs the Telegram Bot API stand-in's TypeScript sources directly through tsx; prints the base URL on stdout.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../telegram/src/cli.ts');
await main();
