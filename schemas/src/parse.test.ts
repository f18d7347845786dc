import { describe, expect, it } from 'vitest';
import { examples } from '../test/examples.ts';
import { validatorByType } from './generated/validator-map.ts';
import { MAX_TEXT_FRAME_BYTES } from './limits.ts';
import { echoRef, message, parseTextFrame, validateMessage } from './parse.ts';

describe('parseTextFrame', () => {
  it('has a valid and an invalid example for every message type', () => {
    expect(Object.keys(examples).sort()).toEqual(Object.keys(validatorByType).sort());
  });

  for (const [type, { valid, invalid, breaks }] of Object.entries(examples)) {
    it(`accepts a valid ${type}`, () => {
      expect(parseTextFrame(JSON.stringify(valid))).toEqual({ ok: true, value: valid });
    });
    it(`rejects an invalid ${type} at ${breaks || 'the top level'}`, () => {
      const result = parseTextFrame(JSON.stringify(invalid));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('protocol.schema');
      expect(result.error.path).toBe(breaks);
      expect(result.error.message).toContain(type);
    });
  }

  it('rejects text that is not JSON', () => {
    const result = parseTextFrame('{"type": "session.input",');
    expect(result).toMatchObject({ ok: false, error: { code: 'protocol.invalid_json' } });
  });

  it('rejects JSON that is not an object', () => {
    for (const text of ['[]', '"session.end"', 'null', '42']) {
      expect(parseTextFrame(text)).toMatchObject({ ok: false, error: { code: 'protocol.schema', path: '' } });
    }
  });

  it('rejects an unknown or missing type', () => {
    expect(parseTextFrame('{"type":"session.explode","schema_version":"1"}')).toMatchObject({
      ok: false,
      error: { code: 'protocol.unknown_type', path: '/type' },
    });
    expect(parseTextFrame('{"schema_version":"1"}')).toMatchObject({
      ok: false,
      error: { code: 'protocol.unknown_type' },
    });
    expect(parseTextFrame('{"type":"constructor","schema_version":"1"}')).toMatchObject({
      ok: false,
      error: { code: 'protocol.unknown_type' },
    });
  });

  it('refuses frames over 1 MiB before parsing them', () => {
    const ascii = `{"type":"session.input","schema_version":"1","session_id":1,"data":"${'a'.repeat(MAX_TEXT_FRAME_BYTES)}"}`;
    expect(parseTextFrame(ascii)).toMatchObject({ ok: false, error: { code: 'protocol.too_large' } });
    // Fewer UTF-16 units than the limit, but more UTF-8 bytes: still too large.
    const wide = `"${'€'.repeat(MAX_TEXT_FRAME_BYTES / 2)}"`;
    expect(wide.length).toBeLessThan(MAX_TEXT_FRAME_BYTES);
    expect(parseTextFrame(wide)).toMatchObject({ ok: false, error: { code: 'protocol.too_large' } });
  });

  it('accepts a frame just under the limit', () => {
    const data = 'a'.repeat(60_000);
    const result = parseTextFrame(JSON.stringify(message('session.input', { session_id: 3, data })));
    expect(result).toMatchObject({ ok: true, value: { type: 'session.input', data } });
  });
});

describe('gateway.hello sessions', () => {
  const hello = (sessions: unknown) =>
    JSON.stringify({ ...message('gateway.hello', { gateway_id: 'gw_1', version: '0.1.0' }), sessions });
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('is optional, so a gateway that predates it still says hello', () => {
    const old = message('gateway.hello', { gateway_id: 'gw_1', version: '0.1.0' });
    expect(parseTextFrame(JSON.stringify(old))).toEqual({ ok: true, value: old });
  });

  it('accepts none, one, and up to 64 distinct session ids', () => {
    for (const sessions of [[], [7], ids(64)]) {
      expect(parseTextFrame(hello(sessions))).toMatchObject({ ok: true, value: { sessions } });
    }
  });

  it.each([
    ['more than 64 ids', ids(65), '/sessions'],
    ['the same id twice', [3, 1, 3], '/sessions'],
    ['a list that is not an array', 3, '/sessions'],
    ['an id that is a string', ['1'], '/sessions/0'],
    ['an id that is not an integer', [1, 2.5], '/sessions/1'],
    ['an id 0', [0], '/sessions/0'],
    ['an id past u32', [4294967296], '/sessions/0'],
  ])('rejects %s', (_name, sessions, path) => {
    expect(parseTextFrame(hello(sessions))).toMatchObject({ ok: false, error: { code: 'protocol.schema', path } });
  });
});

describe('message', () => {
  it('fills in the envelope', () => {
    expect(message('session.ack', { session_id: 1, seq: 5 })).toEqual({
      type: 'session.ack',
      schema_version: '1',
      session_id: 1,
      seq: 5,
    });
    expect(validateMessage(message('pong', {})).ok).toBe(true);
  });
});

describe('echoRef', () => {
  it("echoes a request's ref, and adds no field when it had none", () => {
    const reply = message('file.upload.ready', { upload_id: 'u1', ...echoRef(undefined) });
    expect(reply).not.toHaveProperty('ref');
    expect(validateMessage(reply).ok).toBe(true);
    expect(message('file.upload.ready', { upload_id: 'u1', ...echoRef('r-7') })).toMatchObject({ ref: 'r-7' });
    expect(echoRef('')).toEqual({});
  });
});
