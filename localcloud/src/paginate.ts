/** DigitalOcean's list pagination: `page` / `per_page` (default 20, max 200), `links.pages` and `meta.total`. */

const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 200;

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 1 ? n : fallback;
}

export interface Page<T> {
  items: T[];
  links: { pages?: Record<string, string> };
  meta: { total: number };
}

/** `publicUrl` is the URL the request arrived at, as the client sees it: links point back at it. */
export function paginate<T>(all: T[], publicUrl: URL): Page<T> {
  const perPage = Math.min(positiveInt(publicUrl.searchParams.get('per_page'), DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const page = positiveInt(publicUrl.searchParams.get('page'), 1);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const link = (p: number) => {
    const u = new URL(publicUrl);
    u.searchParams.set('page', String(p));
    u.searchParams.set('per_page', String(perPage));
    return u.toString();
  };
  const pages: Record<string, string> = {};
  if (page > 1) {
    pages.first = link(1);
    pages.prev = link(Math.min(page - 1, lastPage));
  }
  if (page < lastPage) {
    pages.next = link(page + 1);
    pages.last = link(lastPage);
  }
  return { items, links: Object.keys(pages).length > 0 ? { pages } : {}, meta: { total: all.length } };
}
