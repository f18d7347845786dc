import { expect, it } from 'vitest';
import { webAppUrlProblem } from './web-app-url.ts';

it('takes https anywhere and http only on a loopback host', () => {
  for (const ok of [
    'https://example.com/app',
    'https://example.com',
    'http://127.0.0.1:8787/miniapp?session=1',
    'http://localhost:5173/miniapp',
    'http://[::1]:8080/',
  ]) {
    expect(webAppUrlProblem(ok), ok).toBeUndefined();
  }
});

it("says why any other URL cannot open a Mini App, in Telegram's words", () => {
  expect(webAppUrlProblem('http://example.com/app')).toBe('Only HTTPS links are allowed');
  expect(webAppUrlProblem('http://127.0.0.1.example.com/')).toBe('Only HTTPS links are allowed');
  expect(webAppUrlProblem('bad')).toBe('Only HTTPS links are allowed');
  expect(webAppUrlProblem('ftp://example.com/')).toBe('Only HTTPS links are allowed');
  expect(webAppUrlProblem('')).toBe('URL host is empty');
  expect(webAppUrlProblem('https://')).toBe('Wrong HTTP URL');
});
