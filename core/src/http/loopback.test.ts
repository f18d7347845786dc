import { describe, expect, it } from 'vitest';
import { isLoopbackHostname, isLoopbackRequest } from './loopback.ts';

describe('isLoopbackHostname', () => {
  it('accepts exactly localhost, 127.0.0.1 and ::1', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '[::1]']) expect(isLoopbackHostname(host)).toBe(true);
    for (const host of ['vibecode.example', 'localhost.example', '127.0.0.1.nip.io', '10.0.0.1', '0.0.0.0', '']) {
      expect(isLoopbackHostname(host)).toBe(false);
    }
  });
});

describe('isLoopbackRequest', () => {
  it('needs a loopback URL and, when sent, a loopback Host header', () => {
    expect(isLoopbackRequest(new Request('http://127.0.0.1:8787/api/dev/outbox'))).toBe(true);
    expect(isLoopbackRequest(new Request('http://[::1]:8787/x', { headers: { host: 'localhost:8787' } }))).toBe(true);
    expect(isLoopbackRequest(new Request('http://vibecode.example/x'))).toBe(false);
    expect(isLoopbackRequest(new Request('http://127.0.0.1/x', { headers: { host: 'vibecode.example' } }))).toBe(false);
    expect(isLoopbackRequest(new Request('http://127.0.0.1/x', { headers: { host: 'bad host/' } }))).toBe(false);
  });
});
