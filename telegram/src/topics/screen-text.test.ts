import { describe, expect, it } from 'vitest';
import { escapeHtml, screenHtml, screenTail } from './screen-text.ts';

describe('screenTail', () => {
  it('keeps a screen that fits whole', () => {
    expect(screenTail('a\nb', 10)).toBe('a\nb');
  });

  it('keeps the bottom whole lines that fit', () => {
    expect(screenTail('111\n222\n333', 8)).toBe('222\n333');
    expect(screenTail('111\n222\n333', 7)).toBe('222\n333');
    expect(screenTail('111\n222\n333', 6)).toBe('333');
  });

  it('keeps the end of a last line too long on its own', () => {
    expect(screenTail('a\n123456', 4)).toBe('3456');
  });
});

describe('screenHtml', () => {
  it('escapes the text inside <pre>', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href="x"&gt;&amp;&lt;/a&gt;');
    expect(screenHtml('$ echo <x> && y', 'blank')).toBe('<pre>$ echo &lt;x&gt; &amp;&amp; y</pre>');
  });

  it('says the screen is blank rather than sending empty text', () => {
    expect(screenHtml(' \n ', 'blank <screen>')).toBe('<i>blank &lt;screen&gt;</i>');
  });
});
