import { expect, it } from 'vitest';
import { entityTree, safeHref } from './entities.js';

it('gives plain text as one run, and nests entities inside each other', () => {
  expect(entityTree('hello', undefined)).toEqual([{ text: 'hello' }]);
  const italic = { type: 'italic', offset: 0, length: 11 } as const;
  const bold = { type: 'bold', offset: 6, length: 5 } as const;
  expect(entityTree('hello world!', [bold, italic])).toEqual([
    { entity: italic, children: [{ text: 'hello ' }, { entity: bold, children: [{ text: 'world' }] }] },
    { text: '!' },
  ]);
});

it('splits entities that cross, so the tree always nests', () => {
  const bold = { type: 'bold', offset: 0, length: 4 } as const;
  const italic = { type: 'italic', offset: 2, length: 4 } as const;
  expect(entityTree('abcdef', [italic, bold])).toEqual([
    { entity: bold, children: [{ text: 'ab' }, { entity: italic, children: [{ text: 'cd' }] }] },
    { entity: italic, children: [{ text: 'ef' }] },
  ]);
});

it('counts offsets in UTF-16 code units, as the Bot API does', () => {
  const code = { type: 'code', offset: 3, length: 2 } as const;
  expect(entityTree('😀 hi!', [code])).toEqual([
    { text: '😀 ' },
    { entity: code, children: [{ text: 'hi' }] },
    { text: '!' },
  ]);
});

it('cuts entities to the text and drops malformed ones', () => {
  const long = { type: 'bold', offset: 2, length: 50 } as const;
  const outside = { type: 'italic', offset: 10, length: 2 } as const;
  const empty = { type: 'italic', offset: 0, length: 0 } as const;
  const negative = { type: 'italic', offset: -1, length: 2 } as const;
  expect(entityTree('abcd', [long, outside, empty, negative])).toEqual([
    { text: 'ab' },
    { entity: long, children: [{ text: 'cd' }] },
  ]);
});

it('links only to http, https, tg and mailto; a bare domain gets http://', () => {
  const link = { type: 'text_link', offset: 0, length: 4, url: 'https://example.com/a?b=<c>' } as const;
  expect(entityTree('docs', [link])).toEqual([
    { entity: link, href: 'https://example.com/a?b=%3Cc%3E', children: [{ text: 'docs' }] },
  ]);
  const evil = { type: 'text_link', offset: 0, length: 4, url: 'javascript:alert(1)' } as const;
  expect(entityTree('docs', [evil])).toEqual([{ entity: evil, children: [{ text: 'docs' }] }]);
  const url = { type: 'url', offset: 4, length: 11 } as const;
  expect(entityTree('see example.com', [url])[1]).toMatchObject({ href: 'http://example.com/' });
  const email = { type: 'email', offset: 0, length: 13 } as const;
  expect(entityTree('a@example.com', [email])[0]).toMatchObject({ href: 'mailto:a@example.com' });
  expect(safeHref('data:text/html,<b>')).toBeUndefined();
  expect(safeHref('tg://resolve?domain=x')).toBe('tg://resolve?domain=x');
  expect(safeHref('http://[bad')).toBeUndefined();
});
