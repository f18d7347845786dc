import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml, type YamlValue } from './yaml-emit.ts';

const scalar = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({
    unit: fc.constantFrom(
      'a',
      ' ',
      '\n',
      '\t',
      '#',
      ':',
      '-',
      '"',
      "'",
      '|',
      '>',
      '\\',
      '\r',
      '\u0000',
      '&',
      '*',
      '!',
      '%',
      '@',
      '`',
      '{',
      '[',
      '?',
    ),
  }),
  fc.integer(),
  fc.boolean(),
);
const keyArb = fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), fc.string({ minLength: 1, maxLength: 6 }));
const { value } = fc.letrec<{ value: YamlValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
  ),
}));

describe('toYaml', () => {
  it('round-trips any document through a YAML parser unchanged', () => {
    fc.assert(
      fc.property(fc.dictionary(keyArb, value, { maxKeys: 5 }), (doc) => {
        expect(parse(toYaml(doc))).toEqual(doc);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the same in PyYAML, the parser cloud-init uses (Debian python3-yaml, a cloud-init dependency)', () => {
    const docs = fc.sample(fc.dictionary(keyArb, value, { maxKeys: 5 }), { numRuns: 300, seed: 42 });
    const program = [
      'import json, sys, yaml',
      'for line in sys.stdin:',
      '    case = json.loads(line)',
      '    print(json.dumps(yaml.safe_load(case["yaml"]) == case["doc"]))',
    ].join('\n');
    const input = docs.map((doc) => JSON.stringify({ yaml: toYaml(doc), doc })).join('\n');
    const run = spawnSync('python3', ['-c', program], { input, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const verdicts = run.stdout.trim().split('\n');
    expect(verdicts).toHaveLength(docs.length);
    expect(docs.filter((_, i) => verdicts[i] !== 'true')).toEqual([]);
  });

  it('writes multi-line text as a readable literal block', () => {
    expect(toYaml({ content: '[Unit]\nA=b\n' })).toBe('content: |\n  [Unit]\n  A=b\n');
    expect(toYaml({ list: [{ content: 'x\ny' }] })).toBe('list:\n  - content: |-\n      x\n      y\n');
  });

  it('quotes keys that YAML 1.1 reads as booleans or null', () => {
    expect(toYaml({ on: 1, No: 2, null: 3, name: 4 })).toBe('"on": 1\n"No": 2\n"null": 3\nname: 4\n');
  });

  it('quotes strings that YAML would otherwise read as something else', () => {
    for (const s of ['true', '0600', '- x', 'a: b', '#c', '', 'null', '~', '1e3']) {
      expect(toYaml({ k: s })).toBe(`k: ${JSON.stringify(s)}\n`);
    }
  });
});
