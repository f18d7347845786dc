/**
 * A light tap under the finger for each extra key (Esc, Tab, arrows…), which on-screen keyboards give their own keys
 * and a web page cannot. Only where the client has haptics (Bot API 6.1+): older clients print a warning per call.
 */
import type { TelegramWebApp } from './webapp.ts';

export function extraKeyHaptic(
  app: Pick<TelegramWebApp, 'isVersionAtLeast' | 'HapticFeedback'>,
): (() => void) | undefined {
  if (!app.isVersionAtLeast('6.1') || typeof app.HapticFeedback?.impactOccurred !== 'function') return undefined;
  return () => {
    app.HapticFeedback.impactOccurred('light');
  };
}
