import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { errorText, GENERIC_ERROR } from './error-text.ts';

describe('errorText', () => {
  it("shows the server's message for an API error and a generic line for anything else", () => {
    expect(errorText(new ApiError(409, 'vps.invalid_state', 'cannot power off a VPS that is powered_off'))).toBe(
      'cannot power off a VPS that is powered_off',
    );
    expect(errorText(new TypeError('x is undefined'))).toBe(GENERIC_ERROR);
    expect(errorText('nope')).toBe(GENERIC_ERROR);
  });

  it('says what failed when the server gave no message', () => {
    expect(errorText(new TypeError('Failed to fetch'), 'Could not disconnect.')).toBe('Could not disconnect.');
    expect(errorText(new ApiError(404, 'cloud.not_connected', 'no cloud account is connected'), 'x')).toBe(
      'no cloud account is connected',
    );
  });
});
