import { describe, expect, it } from 'vitest';
import { parseWorkspaceRoot, slugify } from './naming.ts';

describe('session naming', () => {
  it('slugs titles to lowercase ascii words', () => {
    expect(slugify('  My Cool Project! ')).toBe('my-cool-project');
    expect(slugify('Café déjà vu')).toBe('cafe-deja-vu');
    expect(slugify('日本語')).toBe('');
    expect(slugify('a'.repeat(60))).toHaveLength(40);
    expect(slugify(`${'a'.repeat(39)} b`)).toBe('a'.repeat(39));
  });

  it('defaults the workspace root and refuses a relative or escaping one', () => {
    expect(parseWorkspaceRoot(undefined)).toBe('/home/vibe/workspace');
    expect(parseWorkspaceRoot('')).toBe('/home/vibe/workspace');
    expect(parseWorkspaceRoot('/srv/work')).toBe('/srv/work');
    expect(() => parseWorkspaceRoot('work')).toThrow();
    expect(() => parseWorkspaceRoot('/a/../b')).toThrow();
  });
});
