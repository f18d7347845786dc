import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { dropletName, slugField } from './droplet-name.ts';

describe('dropletName', () => {
  it('generates vibe-xxxxxx when none is given', () => {
    expect(dropletName(undefined, () => 0)).toBe('vibe-aaaaaa');
    expect(dropletName('', () => 0.999)).toBe('vibe-999999');
  });

  it('accepts DNS labels and refuses anything else with a typed 400', () => {
    expect(dropletName('my-box-1')).toBe('my-box-1');
    for (const bad of ['-x', 'x-', 'Upper', 'a_b', 'a'.repeat(64), 7, 'a b']) {
      expect(() => dropletName(bad)).toThrow(ApiError);
    }
  });
});

describe('slugField', () => {
  it('falls back when absent, refuses malformed slugs', () => {
    expect(slugField(undefined, 'region', 'ams3')).toBe('ams3');
    expect(slugField('nyc1', 'region', 'ams3')).toBe('nyc1');
    expect(() => slugField('../x', 'region', 'ams3')).toThrow(ApiError);
    expect(() => slugField(undefined, 'size')).toThrow(ApiError);
  });
});
