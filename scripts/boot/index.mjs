/**
 * Boots the local system — `wrangler dev` for the Worker, localcloud, the Telegram and Web Push stand-ins, the web build, free
 * loopback ports — for
 * `npm start` (scripts/start.mjs), the e2e harness (test/e2e/system.ts, which test/fault, test/droplet and bench
 * reuse) and the system test (test/system/start-system.ts, which runs `npm start` itself on free ports). Plain
 * JavaScript with JSDoc types, so `npm start` runs it with no build step; imported by path (it is no workspace).
 */
export { cloudVars, startLocalcloudProcess } from './cloud.mjs';
export { migratedState } from './migrated-state.mjs';
export { freePort } from './ports.mjs';
export { root } from './root.mjs';
export { registerLocalWebhook, startTelegramStandIn, telegramVars } from './telegram.mjs';
export { buildWeb, webBuildNeeded } from './web-build.mjs';
export { newVapidPrivateKey, pushVars, startWebPushStandIn } from './webpush.mjs';
export { writeBuildConfig } from './worker-config.mjs';
export { applyMigrations, executeSql } from './wrangler.mjs';
export { startWorker, waitUntilServing } from './wrangler-dev.mjs';
