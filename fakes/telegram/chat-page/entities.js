/**
 * A message's text and its entities (bold, links, code… with offsets in UTF-16 code units, as the Bot API counts
 * them) as a tree of text runs, for the page to turn into elements. Entities that cross each other are split where
 * they cross, so the tree always nests; entities outside the text are cut to it.
 */

/**
 * @typedef {import('grammy/types').MessageEntity} MessageEntity
 * @typedef {{ text: string } | { entity: MessageEntity, href?: string, children: TextNode[] }} TextNode
 * @typedef {{ entity: MessageEntity, offset: number, end: number, href?: string }} Span
 */

/** Schemes a link may open; anything else (javascript:, data:…) is shown as plain text. */
const SAFE_SCHEMES = ['http:', 'https:', 'tg:', 'mailto:'];

/**
 * The URL a link may open, or undefined. A bare `example.com` (a `url` entity) gets `http://`, as Telegram's apps do.
 * @param {string} raw
 * @returns {string | undefined}
 */
export function safeHref(raw) {
  const text = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `http://${text}`;
  try {
    const url = new URL(withScheme);
    return SAFE_SCHEMES.includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** @param {Span} a @param {Span} b */
const order = (a, b) => a.offset - b.offset || b.end - a.end;

/**
 * @param {MessageEntity} entity
 * @param {string} text
 * @returns {string | undefined}
 */
function hrefOf(entity, text) {
  if (entity.type === 'text_link') return safeHref(entity.url);
  const own = text.slice(entity.offset, entity.offset + entity.length);
  if (entity.type === 'url') return safeHref(own);
  if (entity.type === 'email') return safeHref(`mailto:${own}`);
  return undefined;
}

/**
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {Span[]} spans sorted by `order`, all within [start, end)
 * @returns {TextNode[]}
 */
function build(text, start, end, spans) {
  /** @type {TextNode[]} */
  const nodes = [];
  let pos = start;
  let queue = spans;
  while (queue.length > 0) {
    const [span, ...others] = /** @type {[Span, ...Span[]]} */ (queue);
    const from = Math.max(span.offset, pos);
    if (span.end <= from) {
      queue = others;
      continue;
    }
    if (from > pos) nodes.push({ text: text.slice(pos, from) });
    /** @type {Span[]} */
    const inside = [];
    /** @type {Span[]} */
    const after = [];
    for (const other of others) {
      if (other.offset >= span.end) after.push(other);
      else {
        inside.push({ ...other, end: Math.min(other.end, span.end) });
        if (other.end > span.end) after.push({ ...other, offset: span.end });
      }
    }
    const node = { entity: span.entity, children: build(text, from, span.end, inside) };
    nodes.push(span.href ? { ...node, href: span.href } : node);
    pos = span.end;
    queue = after.sort(order);
  }
  if (pos < end) nodes.push({ text: text.slice(pos, end) });
  return nodes;
}

/**
 * @param {string} text
 * @param {readonly MessageEntity[] | undefined} entities
 * @returns {TextNode[]}
 */
export function entityTree(text, entities) {
  /** @type {Span[]} */
  const spans = [];
  for (const entity of entities ?? []) {
    const { offset, length } = entity;
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length <= 0) continue;
    const end = Math.min(offset + length, text.length);
    if (offset >= end) continue;
    const href = hrefOf(entity, text);
    spans.push(href ? { entity, offset, end, href } : { entity, offset, end });
  }
  return build(text, 0, text.length, spans.sort(order));
}
