/**
 * Whether anyone is watching a gateway's sessions in a terminal (the web or the Mini App: the hub's subscriber
 * sockets), as the opt-in power-off asks before it acts (`vps/auto-power-off.ts`). A channel's surface (a Telegram
 * topic's screen message) is not a viewer: nobody need be looking at it.
 */
export interface ViewerPresence {
  /** Terminal viewers open now. */
  viewers: number;
  /** When one was last open (ms): now while any is; when the last one left otherwise; null if none ever was. */
  lastViewerAt: number | null;
}
