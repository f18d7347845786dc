/**
 * cloud-config documents as YAML, written by the `yaml` library for cloud-init's reader, PyYAML (YAML 1.1):
 *   - `version: '1.1'`, so words PyYAML reads as booleans or numbers (`on`, `no`, `0600`, `1:20`) are quoted;
 *   - single-line strings double-quoted, keys too unless they are plain words: PyYAML refuses some plain scalars
 *     YAML 1.2 allows (a tab inside one), and a quoted string cannot change the document's structure;
 *   - multi-line strings as literal blocks, never folded (readable in /var/lib/cloud/instance/user-data.txt),
 *     unless a line ends in a space or tab or the string is only whitespace: `yaml` then loses that whitespace.
 * `yaml` leaves DEL, C1 controls, U+2028/2029 and the BOM unescaped even inside double quotes, and PyYAML refuses
 * them or reads them as line breaks: strings with them are double-quoted, and they are escaped in the output.
 */
import { Document, visit } from 'yaml';

export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

const UNESCAPED = /[\u007f-\u009f\u2028\u2029\ufeff]/g;
const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const PLAIN_KEY = /^[a-z_][a-z0-9_-]*$/i;

const asLiteralBlock = (s: string) => s.includes('\n') && s.trim() !== '' && !/[ \t](\n|$)/.test(s);

/** The document body (no header), ending in a newline. */
export function toYaml(doc: { [key: string]: YamlValue }): string {
  const document = new Document(doc, { version: '1.1' });
  visit(document, {
    Scalar(key, node) {
      if (typeof node.value === 'number' && !Number.isFinite(node.value)) {
        throw new RangeError('YAML numbers must be finite');
      }
      if (typeof node.value !== 'string') return;
      const plain = key === 'key' && PLAIN_KEY.test(node.value);
      if (plain || (asLiteralBlock(node.value) && !node.value.match(UNESCAPED))) return;
      node.type = 'QUOTE_DOUBLE';
    },
  });
  // Only double-quoted strings can hold these characters here, and `\uXXXX` is an escape there.
  return document.toString({ lineWidth: 0, blockQuote: 'literal' }).replace(UNESCAPED, unicodeEscape);
}
