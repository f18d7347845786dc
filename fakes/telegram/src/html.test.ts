import { expect, it } from 'vitest';
import { BotApiError } from './errors.ts';
import { parseHtml } from './html.ts';

function failure(input: string): string {
  try {
    parseHtml(input);
  } catch (err) {
    expect(err).toBeInstanceOf(BotApiError);
    return (err as BotApiError).description;
  }
  throw new Error(`parsed: ${input}`);
}

it('turns the supported tags into entities over the plain text, nested ones too', () => {
  expect(parseHtml('<b>bold <i>both</i></b> <a href="https://x.test/?a=1&amp;b=2">link</a>')).toEqual({
    text: 'bold both link',
    entities: [
      { type: 'bold', offset: 0, length: 9 },
      { type: 'italic', offset: 5, length: 4 },
      { type: 'text_link', offset: 10, length: 4, url: 'https://x.test/?a=1&b=2' },
    ],
  });
  expect(parseHtml('<s>a</s><u>b</u><tg-spoiler>c</tg-spoiler><span class="tg-spoiler">d</span>').entities).toEqual([
    { type: 'strikethrough', offset: 0, length: 1 },
    { type: 'underline', offset: 1, length: 1 },
    { type: 'spoiler', offset: 2, length: 1 },
    { type: 'spoiler', offset: 3, length: 1 },
  ]);
  expect(parseHtml('<blockquote expandable>q</blockquote><tg-emoji emoji-id="5">👍</tg-emoji>').entities).toEqual([
    { type: 'expandable_blockquote', offset: 0, length: 1 },
    { type: 'custom_emoji', offset: 1, length: 2, custom_emoji_id: '5' },
  ]);
});

it('gives <pre><code class="language-x"> one pre entity with the language', () => {
  expect(parseHtml('<pre><code class="language-ts">let a = 1;</code></pre>')).toEqual({
    text: 'let a = 1;',
    entities: [{ type: 'pre', offset: 0, length: 10, language: 'ts' }],
  });
  expect(parseHtml('<pre>$ ls</pre>').entities).toEqual([{ type: 'pre', offset: 0, length: 4 }]);
});

it('decodes character references, keeps unknown ones, and counts offsets in UTF-16 units', () => {
  expect(parseHtml('&lt;tag&gt; &quot;q&quot; &#65;&#x42; &nbsp; &').text).toBe('<tag> "q" AB &nbsp; &');
  expect(parseHtml('😀 <b>x</b>').entities).toEqual([{ type: 'bold', offset: 3, length: 1 }]);
  expect(parseHtml('<b></b>x').entities).toEqual([]);
  expect(parseHtml('<a>no href</a>').entities).toEqual([]);
});

it("refuses broken or unsupported markup with Telegram's wording and byte offsets", () => {
  const prefix = "Bad Request: can't parse entities: ";
  expect(failure('é <br>')).toBe(`${prefix}Unsupported start tag "br" at byte offset 3`);
  expect(failure('a < b')).toBe(`${prefix}Unsupported start tag "" at byte offset 2`);
  expect(failure('<b>x')).toBe(`${prefix}Can't find end tag corresponding to start tag "b"`);
  expect(failure('x</b>')).toBe(`${prefix}Unexpected end tag at byte offset 1`);
  expect(failure('<b>x</i>')).toBe(`${prefix}Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`);
  expect(failure('<b')).toBe(`${prefix}Unclosed start tag at byte offset 0`);
  expect(failure('<b>x</b')).toBe(`${prefix}Unclosed end tag at byte offset 4`);
  expect(failure('<span>x</span>')).toBe(`${prefix}Tag "span" must have class "tg-spoiler" at byte offset 0`);
});
