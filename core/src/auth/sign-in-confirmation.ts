/**
 * How much the confirm page of a sign-in link must ask before it signs in (login CSRF): an attacker can mail a victim
 * a link to the attacker's own account, and a victim who clicks it must neither land in that account without noticing
 * nor be switched out of their own.
 * - `none`: the link was asked for in this browser — one click, as before.
 * - `other_browser`: asked for elsewhere — the page names the (masked) address and asks to confirm it.
 * - `switch_account`: asked for elsewhere while this browser is signed in as someone else — the page says so and
 *   asks to sign out and continue as the link's address.
 */
export type Confirmation = 'none' | 'other_browser' | 'switch_account';

const STRENGTH: Record<Confirmation, number> = { none: 0, other_browser: 1, switch_account: 2 };

export function requiredConfirmation(situation: {
  sameBrowser: boolean;
  /** The email this browser is signed in as, or null. */
  signedInAs: string | null;
  linkEmail: string;
}): Confirmation {
  if (situation.sameBrowser) return 'none';
  if (situation.signedInAs !== null && situation.signedInAs !== situation.linkEmail) return 'switch_account';
  return 'other_browser';
}

/** Whether the form's `confirm` field (absent, or one of the pages' values) is at least what is required. */
export function isConfirmed(given: string | null, required: Confirmation): boolean {
  const strength = given === 'other_browser' || given === 'switch_account' ? STRENGTH[given] : 0;
  return strength >= STRENGTH[required];
}
