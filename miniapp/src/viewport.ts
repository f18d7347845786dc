/**
 * Telegram's viewport as CSS variables for the page (the names web's SessionView reads, so the web app needs no
 * Telegram knowledge): `--page-max-height` is `viewportStableHeight`, the height Telegram says stays visible once
 * gestures and animations are over (its `viewportHeight` moves with every drag and is documented as too jumpy to
 * pin anything to); `--page-inset-*` keep content out of the device's safe-area insets and, inside them, out of
 * Telegram's own controls (`contentSafeAreaInset`, Bot API 8.0: relative to the safe area, so the two add up).
 * A value that is not a usable size (missing on older clients, negative, not a number) counts as none.
 */
import type { TelegramWebApp } from './webapp.ts';

export type ViewportSource = Partial<
  Pick<TelegramWebApp, 'viewportStableHeight' | 'safeAreaInset' | 'contentSafeAreaInset'>
>;

const SIDES = ['top', 'right', 'bottom', 'left'] as const;

function size(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

function side(inset: unknown, name: (typeof SIDES)[number]): number {
  return typeof inset === 'object' && inset !== null ? size((inset as Record<string, unknown>)[name]) : 0;
}

/** Every variable this sets, so a page can remove them all when it stops following Telegram. */
export const VIEWPORT_VARS = ['--page-max-height', ...SIDES.map((name) => `--page-inset-${name}`)] as const;

/** The variables and their values; `--page-max-height` is absent while Telegram has no stable height to give. */
export function viewportVars(source: ViewportSource): Record<string, string> {
  const vars: Record<string, string> = {};
  const height = size(source.viewportStableHeight);
  if (height > 0) vars['--page-max-height'] = `${height}px`;
  for (const name of SIDES) {
    vars[`--page-inset-${name}`] = `${side(source.safeAreaInset, name) + side(source.contentSafeAreaInset, name)}px`;
  }
  return vars;
}
