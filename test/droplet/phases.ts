/** Wall-clock times of the droplet test's phases, printed as one table at the end (the README quotes them). */
export class Phases {
  private readonly rows: { name: string; ms: number }[] = [];

  async time<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } finally {
      this.rows.push({ name, ms: performance.now() - started });
    }
  }

  table(title: string): string {
    const width = Math.max(...this.rows.map((r) => r.name.length), 5);
    const lines = this.rows.map((r) => `  ${r.name.padEnd(width)}  ${(r.ms / 1000).toFixed(1).padStart(6)} s`);
    return [title, ...lines].join('\n');
  }
}
