/**
 * A prompt's identity: the SHA-256 of its question and choices, whitespace folded, first 16 hex digits. The same
 * prompt redrawn (a resize, a moved selection marker) keeps it; another question, or other choices, change it.
 */
import { createHash } from 'node:crypto';
import type { PromptChoice } from '@vibecode/schemas';

export function promptFingerprint(detail: string, choices: readonly PromptChoice[]): string {
  const fold = (text: string) => text.replace(/\s+/g, ' ').trim();
  const canonical = JSON.stringify([fold(detail), choices.map((c) => [c.key, fold(c.label)])]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
