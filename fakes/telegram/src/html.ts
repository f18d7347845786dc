/**
 * `parse_mode: "HTML"` as Telegram reads it: the supported tags become entities over the plain text (offsets and
 * lengths in UTF-16 code units), anything else is refused with Telegram's "can't parse entities: …" wording, so a
 * bot that sends broken markup fails here as it would in production.
 */
import type { MessageEntity } from 'grammy/types';
import { badRequest } from './errors.ts';

const TAG_TYPES: Record<string, MessageEntity['type']> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  name: string;
  offset: number;
  attrs: Map<string, string>;
  /** A `<code class="language-x">` directly inside `<pre>`: it names the pre's language instead of being an entity. */
  absorbed?: boolean;
  language?: string;
}

function fail(reason: string): never {
  throw badRequest(`can't parse entities: ${reason}`);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(/([a-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/gi)) {
    const name = (m[1] as string).toLowerCase();
    attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

function entityFor(open: OpenTag, length: number): MessageEntity | undefined {
  const base = { offset: open.offset, length };
  switch (open.name) {
    case 'a': {
      const url = open.attrs.get('href');
      return url ? { type: 'text_link', ...base, url } : undefined;
    }
    case 'pre':
      return open.language ? { type: 'pre', ...base, language: open.language } : { type: 'pre', ...base };
    case 'blockquote':
      return { type: open.attrs.has('expandable') ? 'expandable_blockquote' : 'blockquote', ...base };
    case 'tg-emoji':
      return { type: 'custom_emoji', ...base, custom_emoji_id: open.attrs.get('emoji-id') ?? '' };
    default:
      return { type: TAG_TYPES[open.name], ...base } as MessageEntity;
  }
}

export function parseHtml(input: string): { text: string; entities: MessageEntity[] } {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  const byteOffset = (i: number) => Buffer.byteLength(input.slice(0, i));
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === '&') {
      const m = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(input.slice(i, i + 12));
      const decoded = m ? decodeEntities(m[0]) : c;
      if (m && decoded !== m[0]) {
        text += decoded;
        i += m[0].length;
      } else {
        text += c;
        i += 1;
      }
      continue;
    }
    if (c !== '<') {
      text += c;
      i += 1;
      continue;
    }
    const end = input.indexOf('>', i);
    if (input[i + 1] === '/') {
      if (end < 0) fail(`Unclosed end tag at byte offset ${byteOffset(i)}`);
      const name = input
        .slice(i + 2, end)
        .trim()
        .toLowerCase();
      const open = stack.pop();
      if (!open) fail(`Unexpected end tag at byte offset ${byteOffset(i)}`);
      if (name !== open.name) {
        fail(`Unmatched end tag at byte offset ${byteOffset(i)}, expected "</${open.name}>", found "</${name}>"`);
      }
      const length = text.length - open.offset;
      const entity = length > 0 && !open.absorbed ? entityFor(open, length) : undefined;
      if (entity) entities.push(entity);
      i = end + 1;
      continue;
    }
    const name = (/^[a-z0-9-]*/i.exec(input.slice(i + 1)) as RegExpExecArray)[0].toLowerCase();
    if (!(name in TAG_TYPES)) fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(i)}`);
    if (end < 0) fail(`Unclosed start tag at byte offset ${byteOffset(i)}`);
    const attrs = parseAttributes(input.slice(i + 1 + name.length, end));
    if (name === 'span' && attrs.get('class') !== 'tg-spoiler') {
      fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(i)}`);
    }
    const open: OpenTag = { name, offset: text.length, attrs };
    const parent = stack[stack.length - 1];
    const language = /^language-(.+)$/.exec(attrs.get('class') ?? '')?.[1];
    if (name === 'code' && parent?.name === 'pre' && parent.offset === text.length && language) {
      parent.language = language;
      open.absorbed = true;
    }
    stack.push(open);
    i = end + 1;
  }
  const unclosed = stack.pop();
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}
