/**
 * The gateway's link to its hub, as every part of the gateway that talks to the hub sees it: the dispatcher's
 * replies, sessions' output, file transfers, SSH keys, update status, health. One is handed out per open
 * connection (hub-connection.ts); once that connection is gone its sends are dropped, so work begun for one
 * connection never lands on the next (sends are at-most-once; the protocol resumes by hello and last_seq).
 */
import type { GatewayEvent } from '@vibecode/schemas';

export interface HubLink {
  send(event: GatewayEvent): void;
  /** An output frame (binary). */
  sendFrame(frame: Uint8Array): void;
  /** True while the socket's send buffer is past its high-water mark: output stops being read until it drains. */
  congested(): boolean;
}
