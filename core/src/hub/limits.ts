/** Numbers the hub pins, each with its behaviour at the bound stated where it is enforced. */

/** A subscriber with no ping, input or ack for this long is closed by the idle alarm (seed §9.6). */
export const SUBSCRIBER_IDLE_MS = 10 * 60 * 1000;
/** At most one D1 write of `last_seen_at` / `last_activity_at` per key per this interval; the rest are dropped. */
export const RECORD_THROTTLE_MS = 30 * 1000;
/** How long an RPC caller waits for the gateway's reply to a command before `gateway.timeout`. */
export const COMMAND_TIMEOUT_MS = 30 * 1000;
/** Commands awaiting a gateway reply at once; one more is refused with `gateway.busy`. */
export const MAX_PENDING_REPLIES = 256;
/** Subscribers per hub; one more is refused at upgrade time with 429 `hub.too_many_subscribers`. */
export const MAX_SUBSCRIBERS = 100;
/**
 * Output a viewer may leave unacked; the frame that would pass it closes the viewer instead (4004,
 * `viewer-backlog.ts`), so one that stops reading costs the hub at most this. A viewer that far behind is well past
 * the gateway's ring (1.25 MiB) and can only be caught up by a snapshot, which is what reconnecting gets it. The
 * bound leaves room for what a live viewer has in flight: acks trail by up to 256 KiB or 250 ms (the browser's
 * cadence), and when several viewers re-attach at once each gets every replay (each at most the ring) before its
 * acks catch up — six of them fit.
 */
export const VIEWER_BACKLOG_MAX_BYTES = 8 * 1024 * 1024;
/**
 * At most one render of a session's screen to its channel surfaces per this interval. Telegram allows about one
 * message (or edit) per second per chat; the sessions of one chat's topics share that, and a channel's 429
 * `retry_after` pushes the next render back further.
 */
export const SURFACE_RENDER_INTERVAL_MS = 1500;
/** Output the surface viewer lets pass before it acks, so a session watched only in a chat never stops reading. */
export const SURFACE_ACK_BYTES = 64 * 1024;
