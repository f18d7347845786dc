/** A terminal whose write callbacks fire when the test says so (or at once with `auto`). */
export class FakeSink {
  writes: string[] = [];
  resets = 0;
  pending: (() => void)[] = [];
  auto = true;
  write(data: Uint8Array | string, done: () => void) {
    this.writes.push(typeof data === 'string' ? data : new TextDecoder().decode(data));
    if (this.auto) done();
    else this.pending.push(done);
  }
  reset() {
    this.resets += 1;
    this.writes = [];
  }
  flush() {
    const pending = this.pending;
    this.pending = [];
    for (const done of pending) done();
  }
  get screen() {
    return this.writes.join('');
  }
}
