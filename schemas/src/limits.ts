/** Numbers the protocol pins; both ends enforce them. */
export const SCHEMA_VERSION = '1' as const;

/** Text frames larger than this are rejected before JSON.parse. */
export const MAX_TEXT_FRAME_BYTES = 1024 * 1024;
/** Largest file an upload or download may carry: 20 MiB. */
export const FILE_MAX_BYTES = 20 * 1024 * 1024;
/** Bytes of file data per chunk (before base64). */
export const FILE_CHUNK_BYTES = 128 * 1024;
/** Unacknowledged file chunks allowed in flight, each way. */
export const FILE_MAX_IN_FLIGHT = 4;
/** An upload not finished within this time is cancelled and its temp file removed. */
export const FILE_TRANSFER_TIMEOUT_MS = 5 * 60 * 1000;
/**
 * Entries in one folder listing (`file.listing`); the rest are left out and `truncated` says so. 500 entries fit one
 * text frame even at their largest (a 255-byte name of control characters is ~1.5 KiB of JSON: 500 × ~1.6 KiB is
 * under MAX_TEXT_FRAME_BYTES), and more than a person scans in a panel.
 */
export const FILE_LIST_MAX_ENTRIES = 500;
/** Live sessions per gateway. */
export const MAX_SESSIONS = 5;
/** Output bytes a viewer may be behind (unacked) before the gateway pauses reading the PTY. */
export const UNACKED_WINDOW_BYTES = 1024 * 1024;
/** Output bytes the gateway keeps per session for replay. */
export const RING_BYTES = 1024 * 1024;
/** Largest session id / seq: both are u32 on the wire. */
export const MAX_U32 = 0xffff_ffff;
