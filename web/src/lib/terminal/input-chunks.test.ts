import { describe, expect, it } from 'vitest';
import { chunkInput } from './input-chunks.ts';

describe('chunkInput', () => {
  it('keeps short input whole and drops empty input', () => {
    expect(chunkInput('ls\r')).toEqual(['ls\r']);
    expect(chunkInput('')).toEqual([]);
  });

  it('splits long input into pieces of at most max characters that join back to the input', () => {
    const text = 'x'.repeat(25);
    const chunks = chunkInput(text, 10);
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 5]);
    expect(chunks.join('')).toBe(text);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(9)}🚀b`;
    const chunks = chunkInput(text, 10);
    expect(chunks).toEqual(['a'.repeat(9), '🚀b']);
  });
});
