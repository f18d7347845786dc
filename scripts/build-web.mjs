#!/usr/bin/env node
/**
 * The production web build (web/build/), which the Worker's tests load, made under the machine's web build lock
 * (boot/build-lock.mjs), as every other web build here is: a test run beside another (two people's, or a suite of
 * test/e2e's making its test build) would otherwise write web/.svelte-kit/ at the same time.
 */
import { buildWeb } from './boot/index.mjs';

buildWeb({ testHook: false, output: 'inherit' });
