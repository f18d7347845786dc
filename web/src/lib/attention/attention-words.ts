/** What an attention item says to its person: the state in a word, what it wants, where it opens. */
import type { AttentionItem, AttentionState, PromptChoice } from '@vibecode/schemas';

export const stateLabel: Record<AttentionState, string> = {
  needs_input: 'Question',
  limited: 'Usage limit',
  done: 'Finished',
};

/**
 * The line under the session's name: the question, the limit with its reset time (`time` formats it in the reader's
 * clock and locale), or what finished.
 */
export function wantText(
  item: Pick<AttentionItem, 'state' | 'detail' | 'resets_at' | 'continue_at_reset'>,
  time: (iso: string) => string,
): string {
  if (item.state === 'limited' && item.resets_at) {
    const then = item.continue_at_reset ? '; it continues then' : '';
    return `${item.detail} (resets ${time(item.resets_at)}${then})`;
  }
  return item.detail;
}

/** A limit with a known reset can continue by itself then: what its switch says now, or null for no switch. */
export function continueSwitch(item: Pick<AttentionItem, 'state' | 'resets_at' | 'continue_at_reset'>): string | null {
  if (item.state !== 'limited' || item.resets_at === undefined) return null;
  return item.continue_at_reset ? 'Don’t continue' : 'Continue when it resets';
}

/** A question that can be answered in one tap: its text, the screen it was read from, and its answers. */
export interface OpenQuestion {
  detail: string;
  prompt_fingerprint: string;
  choices: PromptChoice[];
}

/**
 * The question an agent's latest state asks (a feed item, or a live `session.state`), when it can be answered in one
 * tap: it asks, with choices, and the screen it was read from is known (its fingerprint). Else null.
 */
export function openQuestion(
  state: { state: string; detail?: string; choices?: PromptChoice[]; prompt_fingerprint?: string } | null,
): OpenQuestion | null {
  if (state?.state !== 'needs_input' || !state.prompt_fingerprint || !state.choices?.length) return null;
  return { detail: state.detail ?? '', prompt_fingerprint: state.prompt_fingerprint, choices: state.choices };
}
