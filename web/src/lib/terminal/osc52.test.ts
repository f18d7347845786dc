import { describe, expect, it } from 'vitest';
import { parseOsc52 } from './osc52.ts';

const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

describe('parseOsc52', () => {
  it('decodes the base64 payload as UTF-8 whatever the target', () => {
    expect(parseOsc52(`c;${b64('hello')}`)).toBe('hello');
    expect(parseOsc52(`;${b64('héllo 世界 🚀')}`)).toBe('héllo 世界 🚀');
  });

  it('refuses clipboard reads and malformed payloads', () => {
    expect(parseOsc52('c;?')).toBeNull();
    expect(parseOsc52('c;')).toBeNull();
    expect(parseOsc52('no-separator')).toBeNull();
    expect(parseOsc52('c;!!!not base64')).toBeNull();
    expect(parseOsc52(`c;${btoa('\xff\xfe')}`)).toBeNull();
  });
});
