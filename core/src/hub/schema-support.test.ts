import { describe, expect, it } from 'vitest';
import { schemaErrorJson, schemaUnsupportedError, unsupportedHello } from './schema-support.ts';

const hello = (fields: Record<string, unknown>) =>
  JSON.stringify({ type: 'gateway.hello', gateway_id: 'g', version: '0.0.9', ...fields });

describe('a hello of another protocol version', () => {
  it('is recognised before validation, with what it named', () => {
    const record = unsupportedHello(hello({ schema_version: '0', legacy: true }), 5);
    expect(record).toEqual({ gatewaySchemaVersion: '0', gatewayVersion: '0.0.9', at: 5 });
    expect(schemaUnsupportedError(record as NonNullable<typeof record>)).toEqual({
      code: 'gateway.schema_unsupported',
      message: 'this gateway speaks protocol 0; this control plane speaks 1',
    });
    expect(unsupportedHello(hello({ schema_version: 2 }), 5)?.gatewaySchemaVersion).toBe('2');
  });

  it('keeps only bounded, well-formed values', () => {
    const record = unsupportedHello(hello({ schema_version: 'x'.repeat(100), version: '<script>' }), 5);
    expect(record).toEqual({ gatewaySchemaVersion: 'x'.repeat(16), gatewayVersion: null, at: 5 });
  });

  it('leaves everything else to the normal checks', () => {
    expect(unsupportedHello(hello({ schema_version: '1' }), 5)).toBe(null);
    expect(unsupportedHello(hello({}), 5)).toBe(null);
    expect(unsupportedHello(JSON.stringify({ type: 'gateway.health', schema_version: '0' }), 5)).toBe(null);
    expect(unsupportedHello('{"type":"gateway.hello"', 5)).toBe(null);
    expect(unsupportedHello('null', 5)).toBe(null);
    expect(unsupportedHello(new ArrayBuffer(4), 5)).toBe(null);
  });

  it('is shown with both versions and the command that installs the offered release', () => {
    const record = { gatewaySchemaVersion: '0', gatewayVersion: null, at: Date.parse('2026-11-24T10:00:00.000Z') };
    const url = 'https://releases.example.com/vibe-gateway-0.2.0-linux-x64.tar.gz';
    expect(schemaErrorJson(record, url)).toEqual({
      code: 'gateway.schema_unsupported',
      message: 'this gateway speaks protocol 0; this control plane speaks 1',
      gateway_schema_version: '0',
      schema_version: '1',
      gateway_version: null,
      update_command: `vibe-gateway update --url ${url}`,
      at: '2026-11-24T10:00:00.000Z',
    });
    expect(schemaErrorJson(record, null).update_command).toBe(null);
  });
});
