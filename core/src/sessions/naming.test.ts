import { describe, expect, it } from 'vitest';
import { slugify } from './naming.ts';

describe('session naming', () => {
  it('slugs titles to lowercase ascii words', () => {
    expect(slugify('  My Cool Project! ')).toBe('my-cool-project');
    expect(slugify('Café déjà vu')).toBe('cafe-deja-vu');
    expect(slugify('日本語')).toBe('');
    expect(slugify('a'.repeat(60))).toHaveLength(40);
    expect(slugify(`${'a'.repeat(39)} b`)).toBe('a'.repeat(39));
  });
});
