/**
 * Dead-peer detection for an open connection: a ping every `intervalMs`; when nothing at all has arrived within
 * `timeoutMs` of a ping, the peer is taken for dead. Any inbound traffic counts as an answer, so a busy link
 * needs no pong to stay up. A deadline already running is not pushed back by the next ping.
 */
import type { Clock, TimerHandle } from './clock.ts';

export interface HeartbeatOptions {
  intervalMs: number;
  timeoutMs: number;
}

export class Heartbeat {
  #tick: TimerHandle | undefined;
  #deadline: TimerHandle | undefined;

  constructor(
    readonly options: HeartbeatOptions,
    private readonly clock: Clock,
    private readonly ping: () => void,
    private readonly dead: () => void,
  ) {}

  start(): void {
    this.stop();
    this.#schedule();
  }

  /** Something arrived from the peer. */
  seen(): void {
    this.clock.clearTimeout(this.#deadline);
    this.#deadline = undefined;
  }

  stop(): void {
    this.clock.clearTimeout(this.#tick);
    this.#tick = undefined;
    this.seen();
  }

  #schedule(): void {
    this.#tick = this.clock.setTimeout(() => {
      this.#deadline ??= this.clock.setTimeout(() => {
        this.stop();
        this.dead();
      }, this.options.timeoutMs);
      this.#schedule();
      this.ping();
    }, this.options.intervalMs);
  }
}
