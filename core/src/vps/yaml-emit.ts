/**
 * A minimal YAML emitter for cloud-config documents: mappings, sequences, strings, numbers and booleans.
 * Multi-line strings become literal blocks (readable on the droplet in /var/lib/cloud/instance/user-data.txt);
 * every other string is double-quoted with JSON escapes, which YAML 1.1 (cloud-init's PyYAML) reads the same way,
 * so no value can change the document's structure. Core has no YAML dependency; this covers what cloud-init needs.
 */

export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

const INDENT = '  ';
/** Characters a literal block cannot carry verbatim (C0 controls other than tab/newline, DEL, C1, BOM, lone CR). */
function blockUnsafe(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a) ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0xfeff ||
      c === 0x2028 ||
      c === 0x2029
    ) {
      return true;
    }
  }
  return false;
}

function quoted(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function scalar(value: string | number | boolean, indent: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('YAML numbers must be finite');
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (!value.includes('\n') || blockUnsafe(value) || /[ \t]\n|[ \t]$/.test(value)) return quoted(value);
  // Literal block: `|` keeps one final newline, `|-` none, `|+` all; an indentation indicator when the first
  // non-empty line starts with a space, since YAML would otherwise take that space as the block's indentation.
  const trailing = /\n*$/.exec(value)?.[0].length ?? 0;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? value : value.slice(0, -trailing);
  if (body.trim() === '') return quoted(value);
  const lines = body.split('\n').map((l) => (l === '' ? '' : `${indent}${INDENT}${l}`));
  const extra = trailing > 1 ? '\n'.repeat(trailing - 1) : '';
  const indicator = /^\n*[ ]/.test(value) ? String(INDENT.length) : '';
  return `|${indicator}${chomp}\n${lines.join('\n')}${extra}`;
}

/** Plain words YAML 1.1 reads as booleans or null, so they are quoted even as keys. */
const RESERVED = /^(y|n|yes|no|on|off|true|false|null)$/i;

function key(k: string): string {
  return /^[a-z_][a-z0-9_-]*$/i.test(k) && !RESERVED.test(k) ? k : quoted(k);
}

function emit(value: YamlValue, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `\n${value.map((v) => `${indent}- ${emit(v, `${indent}${INDENT}`).replace(/^\n\s*/, '')}`).join('\n')}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `\n${entries.map(([k, v]) => `${indent}${key(k)}: ${emit(v, `${indent}${INDENT}`)}`.replace(/: \n/, ':\n')).join('\n')}`;
  }
  return scalar(value, indent.slice(INDENT.length));
}

/** The document body (no header), ending in a newline. */
export function toYaml(doc: { [key: string]: YamlValue }): string {
  return `${emit(doc, '').replace(/^\n/, '')}\n`;
}
