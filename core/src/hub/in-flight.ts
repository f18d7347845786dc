/**
 * One lookup for every request that needs the same answer at the same moment: viewers opening together (a browser
 * restoring its tabs, a team opening one session) each need their cookie resolved and the session's ownership
 * checked, and D1 answers one statement at a time — 50 viewers' 100 statements queued ~1.3 s under load (bench/README.md,
 * "N viewers"). Nothing is kept once the lookup settles, so an answer is at most one lookup's duration older than
 * the request that receives it, and a failure is shared the same way, never remembered.
 */
export class InFlight<T> {
  readonly #running = new Map<string, Promise<T>>();

  /**
   * `work()`'s promise, or the one already running for `key`. `keepAlive` receives a lookup this caller started: in
   * a Worker, `waitUntil`, so the lookup outlives its request if that client goes away while others wait for it
   * (workerd cancels a request's I/O with the request, and with it the continuations of other requests awaiting it).
   */
  run(key: string, work: () => Promise<T>, keepAlive?: (lookup: Promise<unknown>) => void): Promise<T> {
    const running = this.#running.get(key);
    if (running !== undefined) return running;
    const started = work().finally(() => this.#running.delete(key));
    this.#running.set(key, started);
    keepAlive?.(started.catch(() => undefined));
    return started;
  }

  /** Lookups running now (bounded by the requests in flight). */
  get size(): number {
    return this.#running.size;
  }
}
