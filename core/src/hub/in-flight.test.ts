import { describe, expect, it } from 'vitest';
import { InFlight } from './in-flight.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('InFlight', () => {
  it('runs one lookup for callers that ask for the same key while it runs', async () => {
    const lookups = new InFlight<string>();
    const answer = deferred<string>();
    let runs = 0;
    const work = () => {
      runs += 1;
      return answer.promise;
    };
    const both = Promise.all([lookups.run('k', work), lookups.run('k', work)]);
    answer.resolve('v');
    expect(await both).toEqual(['v', 'v']);
    expect(runs).toBe(1);
  });

  it('hands a lookup it started, never one it joined, to keepAlive', async () => {
    const lookups = new InFlight<string>();
    const kept: Promise<unknown>[] = [];
    const answer = deferred<string>();
    const first = lookups.run(
      'k',
      () => answer.promise,
      (lookup) => kept.push(lookup),
    );
    const second = lookups.run(
      'k',
      () => answer.promise,
      (lookup) => kept.push(lookup),
    );
    expect(kept).toHaveLength(1);
    answer.resolve('v');
    expect(await Promise.all([first, second, ...kept])).toEqual(['v', 'v', 'v']);
  });

  it('keeps different keys apart', async () => {
    const lookups = new InFlight<string>();
    expect(await Promise.all([lookups.run('a', async () => 'A'), lookups.run('b', async () => 'B')])).toEqual([
      'A',
      'B',
    ]);
  });

  it('forgets a settled lookup: the next caller looks again', async () => {
    const lookups = new InFlight<number>();
    let runs = 0;
    const work = async () => ++runs;
    expect(await lookups.run('k', work)).toBe(1);
    expect(await lookups.run('k', work)).toBe(2);
    expect(lookups.size).toBe(0);
  });

  it('shares a failure with the callers that waited, then forgets it', async () => {
    const lookups = new InFlight<string>();
    const answer = deferred<string>();
    const first = lookups.run('k', () => answer.promise);
    const second = lookups.run('k', () => Promise.resolve('unused'));
    answer.reject(new Error('d1 down'));
    await expect(first).rejects.toThrow('d1 down');
    await expect(second).rejects.toThrow('d1 down');
    expect(await lookups.run('k', async () => 'again')).toBe('again');
  });
});
