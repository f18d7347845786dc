/**
 * Routes gateway replies to the RPC calls waiting for them. A caller opens an inbox with a predicate
 * (usually "carries my ref" or "is about my upload"); each gateway message goes to the first inbox that
 * matches. Inboxes live only as long as the RPC call that opened them, so they are in memory by design:
 * a hub that is evicted mid-call fails the call, it never resumes it.
 *
 * Bounds: at most `maxInboxes` open (one more → `gateway.busy`), at most `capacity` queued messages per
 * inbox (one more fails that inbox with `gateway.protocol`: the gateway sent more than the protocol allows).
 */
import type { ProtocolMessage } from '@vibecode/schemas';
import { HubError } from './hub-error.ts';

export type Match = (msg: ProtocolMessage) => boolean;

interface Waiting {
  resolve: (msg: ProtocolMessage) => void;
  reject: (error: HubError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class Inbox {
  private readonly queue: ProtocolMessage[] = [];
  private waiting: Waiting | null = null;
  private failure: HubError | null = null;

  constructor(
    readonly match: Match,
    private readonly capacity: number,
    private readonly onClose: (inbox: Inbox) => void,
  ) {}

  /** Next matching message, or a HubError (`gateway.timeout`, `gateway.offline`, `gateway.protocol`). */
  next(timeoutMs: number): Promise<ProtocolMessage> {
    if (this.failure) return Promise.reject(this.failure);
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.waiting) return Promise.reject(new HubError('internal', 'inbox already has a reader'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new HubError('gateway.timeout', `the gateway did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = { resolve, reject, timer };
    });
  }

  deliver(msg: ProtocolMessage): void {
    if (this.failure) return;
    if (this.waiting) {
      const { resolve, timer } = this.waiting;
      clearTimeout(timer);
      this.waiting = null;
      resolve(msg);
      return;
    }
    if (this.queue.length >= this.capacity) {
      this.fail(new HubError('gateway.protocol', `the gateway sent more than ${this.capacity} unread replies`));
      return;
    }
    this.queue.push(msg);
  }

  fail(error: HubError): void {
    if (this.failure) return;
    this.failure = error;
    this.queue.length = 0;
    if (this.waiting) {
      const { reject, timer } = this.waiting;
      clearTimeout(timer);
      this.waiting = null;
      reject(error);
    }
  }

  close(): void {
    this.fail(new HubError('internal', 'inbox closed'));
    this.onClose(this);
  }
}

export class ReplyRouter {
  private readonly inboxes = new Set<Inbox>();

  constructor(private readonly maxInboxes: number) {}

  open(match: Match, capacity = 1): Inbox {
    if (this.inboxes.size >= this.maxInboxes) {
      throw new HubError('gateway.busy', `more than ${this.maxInboxes} commands are waiting for the gateway`);
    }
    const inbox = new Inbox(match, capacity, (closed) => this.inboxes.delete(closed));
    this.inboxes.add(inbox);
    return inbox;
  }

  /** Gives the message to the first inbox that matches; false when nobody was waiting for it. */
  offer(msg: ProtocolMessage): boolean {
    for (const inbox of this.inboxes) {
      if (inbox.match(msg)) {
        inbox.deliver(msg);
        return true;
      }
    }
    return false;
  }

  /** Fails every open inbox, e.g. with `gateway.offline` when the gateway's socket goes away. */
  failAll(error: HubError): void {
    for (const inbox of this.inboxes) inbox.fail(error);
  }

  get size(): number {
    return this.inboxes.size;
  }
}
