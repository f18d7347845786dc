/**
 * Text contrast as WCAG 2 measures it, read from a page in the browser: the texts a person cannot read comfortably.
 */
import type { Page } from 'playwright-core';

export interface Unreadable {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/**
 * Every visible text of the page whose colour is under 4.5:1 against the background it is drawn on (the nearest
 * opaque one among its ancestors, translucent ones blended over it).
 */
export function unreadable(page: Page): Promise<Unreadable[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
      return [r, g, b, css.startsWith('rgba') ? a : 1];
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => (top[i] ?? 0) * a + (below[i] ?? 0) * (1 - a)).concat(1) as Rgba;
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (el: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let at = el; at; at = at.parentElement) {
        const bg = parse(getComputedStyle(at).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] === 1) break;
      }
      let result: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const dimmed = (el: Element) => {
      for (let at: Element | null = el; at; at = at.parentElement) {
        if (Number(getComputedStyle(at).opacity) < 1) return true;
      }
      return false;
    };
    const found: Unreadable[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!own || el.getClientRects().length === 0 || el.closest('[hidden], .xterm, script, style')) continue;
      if ((el as HTMLButtonElement).disabled || el.closest('select:disabled') || dimmed(el)) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const background = backgroundOf(el);
      const color = over(parse(style.color), background);
      const [light, dark] = [luminance(color), luminance(background)].sort((a, b) => b - a) as [number, number];
      const ratio = (light + 0.05) / (dark + 0.05);
      if (ratio < 4.5) {
        found.push({
          text: (el.textContent ?? '').trim().slice(0, 60),
          ratio: Math.round(ratio * 100) / 100,
          color: style.color,
          background: `rgb(${background.slice(0, 3).map(Math.round).join(', ')})`,
        });
      }
    }
    return found;
  });
}
