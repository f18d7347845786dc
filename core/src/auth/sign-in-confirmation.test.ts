import { describe, expect, it } from 'vitest';
import { isConfirmed, requiredConfirmation } from './sign-in-confirmation.ts';

const link = 'victim-bait@example.com';

describe('requiredConfirmation', () => {
  it('asks nothing more in the browser that asked for the link, whoever is signed in there', () => {
    expect(requiredConfirmation({ sameBrowser: true, signedInAs: null, linkEmail: link })).toBe('none');
    expect(requiredConfirmation({ sameBrowser: true, signedInAs: 'other@example.com', linkEmail: link })).toBe('none');
  });

  it('asks to confirm the address in another browser, and to switch accounts when signed in as someone else', () => {
    expect(requiredConfirmation({ sameBrowser: false, signedInAs: null, linkEmail: link })).toBe('other_browser');
    expect(requiredConfirmation({ sameBrowser: false, signedInAs: link, linkEmail: link })).toBe('other_browser');
    expect(requiredConfirmation({ sameBrowser: false, signedInAs: 'me@example.com', linkEmail: link })).toBe(
      'switch_account',
    );
  });
});

describe('isConfirmed', () => {
  it('accepts an answer at least as strong as the question, nothing else', () => {
    expect(isConfirmed(null, 'none')).toBe(true);
    expect(isConfirmed(null, 'other_browser')).toBe(false);
    expect(isConfirmed('yes', 'other_browser')).toBe(false);
    expect(isConfirmed('other_browser', 'other_browser')).toBe(true);
    expect(isConfirmed('other_browser', 'switch_account')).toBe(false);
    expect(isConfirmed('switch_account', 'switch_account')).toBe(true);
    expect(isConfirmed('switch_account', 'other_browser')).toBe(true);
  });
});
