import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { errorNote, errorText, GENERIC_ERROR, splitErrorText } from './error-text.ts';

describe('errorText', () => {
  it('says what happened in a sentence and keeps the code for support', () => {
    expect(errorText(new ApiError(409, 'vps.invalid_state', 'cannot power off a VPS that is powered_off'))).toBe(
      "The server can't do that in its current state. Reload the page to see it, then try again. (code vps.invalid_state)",
    );
    expect(errorNote(new ApiError(409, 'session.limit', 'at most 5 live sessions per VPS'))).toEqual({
      text: 'This server already runs 5 sessions, the most it can run at once. End one to start another.',
      code: 'session.limit',
    });
  });

  it("makes a sentence of the server's message for a code without its own", () => {
    expect(
      errorNote(new ApiError(429, 'auth.rate_limited', 'too many sign-in requests, try again in 5 minutes')),
    ).toEqual({ text: 'Too many sign-in requests, try again in 5 minutes.', code: 'auth.rate_limited' });
    expect(errorNote(new ApiError(400, 'x.y', 'Already a sentence!')).text).toBe('Already a sentence!');
    expect(errorNote(new ApiError(500, 'http.500', '  ')).text).toBe(GENERIC_ERROR);
  });

  it('shows a generic line, without a code, for anything that is not an API error', () => {
    expect(errorText(new TypeError('x is undefined'))).toBe(GENERIC_ERROR);
    expect(errorText('nope')).toBe(GENERIC_ERROR);
    expect(errorText(new TypeError('Failed to fetch'), 'Could not disconnect.')).toBe('Could not disconnect.');
  });

  it('says a network failure without a code: there is nothing for support to look up', () => {
    const offline = new ApiError(
      0,
      'network.unreachable',
      'Could not reach VibeCode. Check your connection and try again.',
    );
    expect(errorText(offline)).toBe('Could not reach VibeCode. Check your connection and try again.');
  });

  it('splits a shown error back into its sentence and code', () => {
    const shown = errorText(new ApiError(404, 'cloud.not_connected', 'no cloud account is connected'));
    expect(splitErrorText(shown)).toEqual({
      text: 'Connect your DigitalOcean account first.',
      code: 'cloud.not_connected',
    });
    expect(splitErrorText('Could not disconnect.')).toEqual({ text: 'Could not disconnect.', code: null });
    expect(splitErrorText('Line one.\nLine two. (code a.b_c)')).toEqual({
      text: 'Line one.\nLine two.',
      code: 'a.b_c',
    });
  });
});
