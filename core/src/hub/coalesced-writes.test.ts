import { describe, expect, it } from 'vitest';
import { CoalescedWrites } from './coalesced-writes.ts';

/** Writes that wait until the test settles them, and the background that holds them. */
function heldWrites() {
  const writes: { key: number; value: number; settle: (failed?: boolean) => void }[] = [];
  const background: Promise<unknown>[] = [];
  const coalesced = new CoalescedWrites<number, number>(
    (key, value) =>
      new Promise<void>((resolve, reject) => {
        writes.push({ key, value, settle: (failed) => (failed ? reject(new Error('D1 hiccup')) : resolve()) });
      }),
    (work) => background.push(work.catch(() => undefined)),
  );
  const settled = async () => {
    await Promise.all(background);
  };
  return { coalesced, writes, settled };
}

describe('CoalescedWrites', () => {
  it('folds the asks made while a write runs into one more write, with the latest value', async () => {
    const { coalesced, writes, settled } = heldWrites();
    coalesced.ask(1, 100);
    for (let at = 101; at <= 149; at++) coalesced.ask(1, at);
    expect(writes.map((w) => w.value)).toEqual([100]);
    writes[0]?.settle();
    await settled();
    expect(writes.map((w) => w.value)).toEqual([100, 149]);
    writes[1]?.settle();
    await settled();
    expect(writes).toHaveLength(2);
  });

  it('writes at once for an ask after the writes settled, and keeps keys apart', async () => {
    const { coalesced, writes, settled } = heldWrites();
    coalesced.ask(1, 100);
    coalesced.ask(2, 100);
    expect(writes.map((w) => w.key)).toEqual([1, 2]);
    for (const w of writes) w.settle();
    await settled();
    coalesced.ask(1, 200);
    expect(writes.map((w) => [w.key, w.value])).toEqual([
      [1, 100],
      [2, 100],
      [1, 200],
    ]);
  });

  it('still writes for the asks made while a write failed, and hands the failure to the background', async () => {
    const writes: { value: number; settle: (failed?: boolean) => void }[] = [];
    const failures: unknown[] = [];
    const coalesced = new CoalescedWrites<number, number>(
      (_key, value) =>
        new Promise<void>((resolve, reject) => {
          writes.push({ value, settle: (failed) => (failed ? reject(new Error(`write ${value}`)) : resolve()) });
        }),
      (work) => {
        work.catch((error: unknown) => failures.push(error));
      },
    );
    coalesced.ask(1, 100);
    coalesced.ask(1, 120);
    writes[0]?.settle(true);
    await expect.poll(() => writes.map((w) => w.value)).toEqual([100, 120]);
    expect(failures).toEqual([new Error('write 100')]);
  });
});
