/**
 * One viewer's terminal output as it arrives, for measurements to wait on: "the echo of this key", "the marker a
 * command prints when it is done", "the prompt". A wait only counts text that arrives after it was set up (a
 * needle split across chunks still matches), and resolves with the arrival time of the chunk that completed it,
 * taken when the chunk was handed over (the moment a browser would hand it to xterm.js).
 */

export type Clock = () => number;

interface Expectation {
  needles: readonly string[];
  times: number[];
  buffer: string;
  resolve: (times: number[]) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class WaitTimeout extends Error {
  constructor(what: string, ms: number, tail: string) {
    super(`${what}: not within ${ms} ms (last output: ${JSON.stringify(tail)})`);
    this.name = 'WaitTimeout';
  }
}

const TAIL_CHARS = 200;

export class OutputLog {
  /** Characters received so far (UTF-16 units, as a browser's terminal counts them). */
  chars = 0;
  /** Arrival time of the first chunk, once there was one. */
  firstAt: number | null = null;
  #tail = '';
  #expectations = new Set<Expectation>();
  #firstWaiters: Array<(at: number) => void> = [];
  #charWaiters: Array<{ chars: number; resolve: (at: number) => void }> = [];

  constructor(readonly clock: Clock = () => performance.now()) {}

  push(text: string, at: number = this.clock()): void {
    if (text.length === 0) return;
    this.chars += text.length;
    this.#tail = (text.length >= TAIL_CHARS ? text : this.#tail + text).slice(-TAIL_CHARS);
    if (this.firstAt === null) {
      this.firstAt = at;
      for (const wake of this.#firstWaiters.splice(0)) wake(at);
    }
    for (const e of this.#expectations) this.#scan(e, text, at);
    if (this.#charWaiters.length > 0) {
      this.#charWaiters = this.#charWaiters.filter((w) => {
        if (this.chars < w.chars) return true;
        w.resolve(at);
        return false;
      });
    }
  }

  /** Resolves with the arrival time of `needle`, seen in output that arrives from now on. */
  async waitFor(needle: string, timeoutMs: number, what = `output ${JSON.stringify(needle)}`): Promise<number> {
    const [at] = await this.expect([needle], timeoutMs, what);
    return at as number;
  }

  /**
   * Resolves with the arrival time of each needle, matched in this order in output that arrives from now on (each
   * match starts after the previous one ended), so a burst carrying several answers at once is attributed right.
   */
  expect(needles: readonly string[], timeoutMs: number, what = 'output'): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const e: Expectation = {
        needles,
        times: [],
        buffer: '',
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#expectations.delete(e);
          reject(new WaitTimeout(`${what} (${e.times.length}/${needles.length} seen)`, timeoutMs, this.#tail));
        }, timeoutMs),
      };
      if (needles.length === 0) {
        clearTimeout(e.timer);
        resolve([]);
        return;
      }
      this.#expectations.add(e);
    });
  }

  /** Resolves once `chars` characters in all have arrived. */
  untilChars(chars: number, timeoutMs: number, what = `${chars} characters`): Promise<number> {
    if (this.chars >= chars) return Promise.resolve(this.clock());
    return this.#withTimeout(
      new Promise((resolve) => this.#charWaiters.push({ chars, resolve })),
      timeoutMs,
      `${what} (have ${this.chars})`,
    );
  }

  /** Resolves with the arrival time of the first chunk (at once if it already came). */
  first(timeoutMs: number, what = 'first output'): Promise<number> {
    if (this.firstAt !== null) return Promise.resolve(this.firstAt);
    return this.#withTimeout(new Promise((resolve) => this.#firstWaiters.push(resolve)), timeoutMs, what);
  }

  /** Fails every pending wait (the connection is gone). */
  fail(error: Error): void {
    for (const e of this.#expectations) {
      clearTimeout(e.timer);
      e.reject(error);
    }
    this.#expectations.clear();
  }

  #scan(e: Expectation, text: string, at: number): void {
    e.buffer += text;
    for (;;) {
      const needle = e.needles[e.times.length] as string;
      const found = e.buffer.indexOf(needle);
      if (found < 0) {
        // Keep just enough to complete a needle split across chunks.
        const keep = needle.length - 1;
        e.buffer = keep > 0 ? e.buffer.slice(-keep) : '';
        return;
      }
      e.times.push(at);
      e.buffer = e.buffer.slice(found + needle.length);
      if (e.times.length === e.needles.length) {
        clearTimeout(e.timer);
        this.#expectations.delete(e);
        e.resolve(e.times);
        return;
      }
    }
  }

  #withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new WaitTimeout(what, timeoutMs, this.#tail)), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
