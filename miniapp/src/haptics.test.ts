import { describe, expect, it } from 'vitest';
import { extraKeyHaptic } from './haptics.ts';
import type { HapticFeedback } from './webapp.ts';

function client(version: number, haptics: Partial<HapticFeedback> | undefined) {
  return {
    isVersionAtLeast: (wanted: string) => version >= Number(wanted),
    HapticFeedback: haptics as HapticFeedback,
  };
}

describe('extraKeyHaptic', () => {
  it("taps lightly through Telegram's HapticFeedback on 6.1 and later", () => {
    const styles: string[] = [];
    const haptics: Partial<HapticFeedback> = {
      impactOccurred(style) {
        styles.push(style);
        return this as HapticFeedback;
      },
    };
    const tap = extraKeyHaptic(client(8.0, haptics));
    tap?.();
    tap?.();
    expect(styles).toEqual(['light', 'light']);
  });

  it('is absent before 6.1, or where the client has no haptics', () => {
    expect(extraKeyHaptic(client(6.0, { impactOccurred: () => ({}) as HapticFeedback }))).toBeUndefined();
    expect(extraKeyHaptic(client(8.0, undefined))).toBeUndefined();
    expect(extraKeyHaptic(client(8.0, {}))).toBeUndefined();
  });
});
