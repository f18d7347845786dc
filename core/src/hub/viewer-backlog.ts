/**
 * How far behind each viewer is: the bytes of output the hub has sent it that it has not acked. workerd keeps
 * whatever a Durable Object sends on a socket in memory until the peer reads it, and shows the object no buffered
 * amount, so a viewer that stops reading (a frozen tab, a link that died without a reset, a slowloris) would make
 * the hub hold everything its session prints from then on, while the other viewers' acks keep the gateway going.
 * Past the bound the hub closes that viewer instead of sending it more (`hub-sockets.ts`); a live client
 * reconnects and resumes by replay or, that far behind, a gap snapshot.
 *
 * An ack names a seq, not a byte count, so a backlog notes a checkpoint (seq, bytes sent so far) every
 * CHECKPOINT_BYTES and an ack settles every checkpoint up to its seq: the count overstates by less than one
 * checkpoint, and a backlog holds at most bound / CHECKPOINT_BYTES + 1 of them. Kept in memory only, per socket
 * object: a hub woken from hibernation counts afresh, which can only make a close come later.
 */

/** Bytes between checkpoints: small against the bound, large against a frame. */
const CHECKPOINT_BYTES = 64 * 1024;

export class ViewerBacklog {
  #sent = 0;
  #acked = 0;
  #lastSeq = 0;
  #over = false;
  readonly #checkpoints: { seq: number; sent: number }[] = [];

  constructor(private readonly maxBytes: number) {}

  /** Bytes sent and not yet acked (at most one checkpoint too many). */
  get behind(): number {
    return this.#sent - this.#acked;
  }

  /**
   * Counts output frame `seq` of `bytes` bytes about to be sent; false, from then on, once sending it would leave
   * the viewer more than the bound behind: the viewer is to be closed, not sent anything more.
   */
  admit(seq: number, bytes: number): boolean {
    if (this.#over || this.behind + bytes > this.maxBytes) {
      this.#over = true;
      return false;
    }
    this.#sent += bytes;
    this.#lastSeq = seq;
    const last = this.#checkpoints.at(-1);
    if (last === undefined || this.#sent - last.sent >= CHECKPOINT_BYTES)
      this.#checkpoints.push({ seq, sent: this.#sent });
    return true;
  }

  /** The viewer holds every frame up to `seq`. */
  ack(seq: number): void {
    if (seq >= this.#lastSeq) {
      this.#acked = this.#sent;
      this.#checkpoints.length = 0;
      return;
    }
    let settled = 0;
    while (settled < this.#checkpoints.length && (this.#checkpoints[settled] as { seq: number }).seq <= seq) settled++;
    if (settled === 0) return;
    this.#acked = Math.max(this.#acked, (this.#checkpoints[settled - 1] as { sent: number }).sent);
    this.#checkpoints.splice(0, settled);
  }
}

/** One backlog per socket object; an entry goes when its socket does. */
const backlogs = new WeakMap<object, ViewerBacklog>();

/** The backlog of viewer socket `ws`, bounded at `maxBytes`. */
export function backlogOf(ws: object, maxBytes: number): ViewerBacklog {
  let backlog = backlogs.get(ws);
  if (backlog === undefined) {
    backlog = new ViewerBacklog(maxBytes);
    backlogs.set(ws, backlog);
  }
  return backlog;
}
