#!/usr/bin/env node
/**
 * The production web build (web/build/), which the Worker's tests load, made under the machine's web build lock:
 * `npm test` runs core's suite beside test/e2e's, whose test build would otherwise write web/.svelte-kit/ at the
 * same time as this one.
 */
import { buildWeb } from './boot/index.mjs';

buildWeb({ testHook: false, output: 'inherit' });
