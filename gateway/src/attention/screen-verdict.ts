/** What a screen says about its agent: a question waiting (with its fingerprint), a usage limit, or nothing. */
import type { PromptChoice } from '@vibecode/schemas';
import { promptFingerprint } from './fingerprint.ts';
import { readLimit } from './limit-reader.ts';
import { readPrompt } from './prompt-reader.ts';

export type ScreenVerdict =
  | {
      kind: 'prompt';
      detail: string;
      choices: PromptChoice[];
      fingerprint: string;
      keystrokes: Record<string, string>;
    }
  | { kind: 'limit'; detail: string; resetsAt: Date | undefined }
  | { kind: 'none' };

export function readScreen(screenText: string, now: Date, localZone: string): ScreenVerdict {
  const prompt = readPrompt(screenText);
  if (prompt) return { kind: 'prompt', ...prompt, fingerprint: promptFingerprint(prompt.detail, prompt.choices) };
  const limit = readLimit(screenText, now, localZone);
  if (limit) return { kind: 'limit', ...limit };
  return { kind: 'none' };
}
