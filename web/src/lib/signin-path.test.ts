import { describe, expect, it } from 'vitest';
import { nextFrom, signInPath } from './signin-path.ts';

const at = (path: string) => new URL(path, 'http://127.0.0.1:8787');

describe('signInPath', () => {
  it('remembers the page the person was going to', () => {
    expect(signInPath(at('/vps/v1/sessions/s1'))).toBe('/signin?next=%2Fvps%2Fv1%2Fsessions%2Fs1');
    expect(signInPath(at('/vps/v1?x=1#keys'))).toBe('/signin?next=%2Fvps%2Fv1%3Fx%3D1%23keys');
  });

  it('needs no next for the dashboard, where sign-in lands anyway', () => {
    expect(signInPath(at('/dashboard'))).toBe('/signin');
    expect(signInPath(at('/'))).toBe('/signin');
  });
});

describe('nextFrom', () => {
  it('passes a same-origin path on and drops anything else', () => {
    expect(nextFrom(new URLSearchParams('next=%2Fvps%2Fv1'))).toBe('/vps/v1');
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)']) {
      expect(nextFrom(new URLSearchParams({ next }))).toBeUndefined();
    }
    expect(nextFrom(new URLSearchParams(''))).toBeUndefined();
  });
});
