/**
 * How a session is named on the VPS: tmux session `vibe-<number>`, workdir `<root>/<slug>-<number>` from the
 * title (the number keeps two sessions with the same title apart), or `<root>/<id>` when the title has no
 * letters or digits to slug. The number is allocated inside the insert (`store.ts`), which composes both.
 */
const MAX_SLUG = 40;

export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
}
