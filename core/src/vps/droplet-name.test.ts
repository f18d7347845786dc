import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { dropletName } from './droplet-name.ts';

describe('dropletName', () => {
  it('generates vibe-xxxxxx when none is given', () => {
    expect(dropletName(undefined, () => 0)).toBe('vibe-aaaaaa');
    expect(dropletName('', () => 0.999)).toBe('vibe-999999');
  });

  it('accepts DNS labels and refuses anything else with a typed 400', () => {
    expect(dropletName('my-box-1')).toBe('my-box-1');
    for (const bad of ['-x', 'x-', 'Upper', 'a_b', 'a'.repeat(64), 'a b']) {
      expect(() => dropletName(bad)).toThrow(ApiError);
    }
  });
});
