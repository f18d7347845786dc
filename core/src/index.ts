/**
 * What other packages may use from core, grouped by who uses it (like grammY's `mod.ts`). No database table, no
 * drizzle handle: core's data stays behind its routes and ports.
 *
 * The Worker entry (`worker/`) composes core with the channels and the web app from these. The notification channels
 * (`@vibecode/channels`) use core's ports only: `./ports.ts`, published as `@vibecode/core/ports`, which loads none
 * of this.
 */

// Core's structured logger, for the notifier the Durable Object builds.
export { createLogger } from '@vibecode/schemas/log';
// The hono app behind `/api/*`, `/ws/*` and `/auth/*` (the channels' own routes are mounted beside it by the entry).
export { createApp } from './app.ts';
// The sign-in rate limits' counter Durable Object, which the entry exports as it is.
export { RateLimiter } from './auth/rate-limiter.ts';
// The cron's work (lifecycle sweep, auth purge), given the notifier the entry builds.
export { runCron } from './cron.ts';
// The GatewayHub Durable Object, which the entry subclasses to say where its notifications go.
export { GatewayHub } from './hub/gateway-hub.ts';
// What the entry hands the channels: the notification store, the email sender, the app's origin, users by id and
// the request checks (signed-in user, same origin) for their own routes.
export { channelPorts } from './notify/channel-ports.ts';
