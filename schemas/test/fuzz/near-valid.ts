/**
 * Near-valid JSON: a valid example with one to three small edits. Arbitrary JSON almost never gets past a
 * validator's first check (the message type, the body being an object); an edit of a valid value reaches every
 * field's own rule, and the edits below are the ones that break rules at their edges: a missing or unknown field,
 * a value of the wrong type, a number just past a bound, a string emptied, padded, lengthened or given a control
 * character.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Segment = string | number;

/** Strings that sit on the edges of the schemas' rules (lengths, patterns, printable text, path confinement). */
const edgeStrings: readonly string[] = [
  '',
  ' ',
  '\t',
  '\u0000',
  '\u001b[2J',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u2028',
  '\ufeff',
  '\ud800',
  'é',
  '😀',
  '..',
  '../x',
  '/etc/passwd',
  'a/../../b',
  '~',
  '-',
  '.',
  '0',
  '1e3',
  'null',
  'true',
  '__proto__',
  'constructor',
  '<img src=x onerror=alert(1)>',
  '%00',
  '\\',
  '"',
  'x'.repeat(65),
  'x'.repeat(101),
  'x'.repeat(255),
  'x'.repeat(1025),
];

/** Numbers on the edges of the schemas' bounds (u32 ids and seqs, percentages, sizes). */
const edgeNumbers: readonly number[] = [
  0,
  -0.5,
  -1,
  0.5,
  1,
  1.5,
  99.99,
  100,
  100.5,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  2 ** 53 + 2,
  1e21,
  -1e21,
  5e-324,
  Number.MAX_VALUE,
  20 * 1024 * 1024,
  20 * 1024 * 1024 + 1,
];

const edgeValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(...edgeStrings),
  fc.constantFrom(...edgeNumbers),
  fc.constantFrom(null, true, false, [], {}),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

type Edit =
  | { op: 'replace'; value: Json }
  | { op: 'delete' }
  | { op: 'add'; key: string; value: Json }
  | { op: 'string'; how: 'pad' | 'upper' | 'truncate' | 'repeat' | 'insert'; text: string; at: number }
  | { op: 'number'; delta: number }
  | { op: 'wrap' }
  | { op: 'retype' };

const stringEditArbitrary: fc.Arbitrary<Edit> = fc.record({
  op: fc.constant('string' as const),
  how: fc.constantFrom('pad', 'upper', 'truncate', 'repeat', 'insert'),
  // The first eleven edge strings: whitespace, control and invisible characters, a lone surrogate.
  text: fc.oneof(fc.constantFrom(...edgeStrings.slice(0, 11)), fc.string({ unit: 'binary', maxLength: 3 })),
  at: fc.nat(),
});

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), value: edgeValue }),
  fc.record({ op: fc.constant('delete' as const) }),
  fc.record({
    op: fc.constant('add' as const),
    key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'type', 'schema_version', 'extra', ''), fc.string()),
    value: edgeValue,
  }),
  stringEditArbitrary,
  fc.record({ op: fc.constant('number' as const), delta: fc.constantFrom(1, -1, 0.5, 2 ** 32, -(2 ** 32)) }),
  fc.record({ op: fc.constant('wrap' as const) }),
  fc.record({ op: fc.constant('retype' as const) }),
);

/** Every location in a value (the value itself, each field, each element), as paths from the root. */
function pathsOf(value: Json, prefix: Segment[] = []): Segment[][] {
  const paths = [prefix];
  if (value === null || typeof value !== 'object') return paths;
  const children: [Segment, Json][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  for (const [segment, item] of children) paths.push(...pathsOf(item, [...prefix, segment]));
  return paths;
}

function valueAt(value: Json, path: readonly Segment[]): Json | undefined {
  let here: Json | undefined = value;
  for (const segment of path) here = (here as Record<string, Json> | undefined)?.[segment];
  return here;
}

/** Repeats stop here: past the control plane's 16 KiB body bound, yet cheap, however many edits stack up. */
const MAX_REPEATED = 40_000;

function editString(text: string, edit: Extract<Edit, { op: 'string' }>): string {
  const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
  switch (edit.how) {
    case 'pad':
      return ` ${text} `;
    case 'upper':
      return text.toUpperCase();
    case 'truncate':
      return text.slice(0, at);
    case 'repeat':
      return text.repeat(Math.max(1, Math.min(3 + (edit.at % 40), Math.floor(MAX_REPEATED / (text.length || 1)))));
    case 'insert':
      return text.slice(0, at) + edit.text + text.slice(at);
  }
}

/** The edited value at one location; `undefined` removes it. */
function edited(value: Json, edit: Edit): Json | undefined {
  switch (edit.op) {
    case 'replace':
      return edit.value;
    case 'delete':
      return undefined;
    case 'add':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return edit.value;
      // An own field even for `__proto__`, as JSON.parse makes it.
      return withField({ ...value }, edit.key, edit.value);
    case 'string':
      return typeof value === 'string' ? editString(value, edit) : String(value);
    case 'number':
      return typeof value === 'number' ? value + edit.delta : edit.delta;
    case 'wrap':
      return [value];
    case 'retype':
      if (typeof value !== 'string') return JSON.stringify(value);
      // A number JSON can carry: `Number('Infinity')` cannot.
      return Number.isFinite(Number(value)) ? Number(value) : value.length;
  }
}

/** Sets a field as an own, enumerable one: assigning `__proto__` would change the prototype instead. */
function withField(record: Record<string, Json>, key: string, value: Json): Record<string, Json> {
  return Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `value` with the edit applied at `path`; `undefined` when the edit removed the value itself. */
function applyAt(value: Json, path: readonly Segment[], edit: Edit): Json | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return edited(value, edit);
  if (Array.isArray(value)) {
    const copy = [...value];
    const child = applyAt(copy[head as number] as Json, rest, edit);
    if (child === undefined) copy.splice(head as number, 1);
    else copy[head as number] = child;
    return copy;
  }
  const record = { ...(value as Record<string, Json>) };
  const child = applyAt(record[head] as Json, rest, edit);
  if (child === undefined) delete record[head];
  return child === undefined ? record : withField(record, String(head), child);
}

const stringEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), value: fc.constantFrom<Json>(...edgeStrings) }),
  stringEditArbitrary,
);

/**
 * `example` with one to three of its strings edited and everything else kept: mostly still the right shape, so it
 * gets past a schema's types to the rules behind them (trimmed, printable, a parsable key, an exact name).
 */
export function editedStrings(example: Json | object): fc.Arbitrary<Json> {
  const valid = example as Json;
  const strings = pathsOf(valid).filter((path) => typeof valueAt(valid, path) === 'string');
  if (strings.length === 0) return fc.constant(valid);
  return fc
    .array(fc.tuple(fc.constantFrom(...strings), stringEdit), { minLength: 1, maxLength: 3 })
    .map((edits) => edits.reduce<Json>((value, [path, edit]) => applyAt(value, path, edit) ?? null, valid));
}

/**
 * `example` with one to three edits, each at a location picked among the value's current fields and elements. Both
 * functions take `Json | object`: the examples are typed by the generated interfaces, which have no index signature.
 */
export function nearValid(example: Json | object): fc.Arbitrary<Json> {
  const valid = example as Json;
  return fc.array(fc.tuple(fc.nat(), editArbitrary), { minLength: 1, maxLength: 3 }).map((edits) =>
    edits.reduce<Json>((value, [pick, edit]) => {
      const paths = pathsOf(value);
      return applyAt(value, paths[pick % paths.length] as Segment[], edit) ?? null;
    }, valid),
  );
}
