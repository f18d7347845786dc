/**
 * The frequent D1 writes: the gateway's `last_seen_at` on its frames and a session's `last_activity_at` on its
 * input and output, at most one per key per RECORD_THROTTLE_MS (`Throttle`), and its attention seen when a viewer
 * opens it, at most one running per session; all in the background, so no frame waits on D1. A hub woken from
 * hibernation has forgotten the throttle and writes once more, which is harmless.
 */
import { CoalescedWrites } from './coalesced-writes.ts';
import type { HubIdentity } from './hub-storage.ts';
import { RECORD_THROTTLE_MS } from './limits.ts';
import type { HubRecords } from './records.ts';
import { Throttle } from './throttle.ts';

const SEEN = 'seen';

export class TrafficRecords {
  private readonly throttle = new Throttle(RECORD_THROTTLE_MS);
  private readonly openings: CoalescedWrites<number, number>;

  constructor(
    private readonly records: Pick<HubRecords, 'gatewaySeen' | 'sessionActivity' | 'attentionSeen'>,
    private readonly identity: () => HubIdentity,
    private readonly background: (work: Promise<unknown>) => void,
  ) {
    this.openings = new CoalescedWrites(
      (number, now) => records.attentionSeen(identity().vpsId, number, now),
      background,
    );
  }

  /** A frame from the gateway. */
  gatewaySeen(now: number): void {
    if (this.throttle.take(SEEN, now)) this.background(this.records.gatewaySeen(this.identity().gatewayId, now));
  }

  /** A hello wrote `last_seen_at` with the rest of the gateway's row: the next write is due an interval later. */
  gatewaySeenRecorded(now: number): void {
    this.throttle.take(SEEN, now);
  }

  /**
   * A viewer opened session `number` (an attach that asks for the screen): its attention item is seen. Not
   * throttled: a state that came since must be cleared by the next opening. But viewers open together (a browser
   * restoring its tabs, a team opening one session), and 50 writes would queue in D1 in front of the Worker's own
   * lookups for those viewers: openings while the session's write runs make one more write after it
   * (`CoalescedWrites`), and every opening is still followed by a write that began after it.
   */
  sessionOpened(number: number, now: number): void {
    this.openings.ask(number, now);
  }

  /** Input, an ack or output in session `number`. */
  sessionActivity(number: number, now: number): void {
    if (this.throttle.take(`activity:${number}`, now)) {
      this.background(this.records.sessionActivity(this.identity().vpsId, number, now));
    }
  }
}
