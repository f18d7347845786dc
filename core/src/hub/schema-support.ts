/**
 * Protocol versions across a gateway's first frame: a `gateway.hello` naming a `schema_version` this hub does
 * not speak is refused with a typed error (`gateway.schema_unsupported`, close 4010) instead of a generic schema
 * error, and remembered so the server page can say what to do. Checked before full validation, because the
 * hello of another protocol version need not match this version's schema at all.
 */
import { type GatewaySchemaError, MAX_TEXT_FRAME_BYTES, SCHEMA_VERSION } from '@vibecode/schemas';

/** What the hub remembers of the last refused hello (DO storage; every field bounded). */
export interface SchemaErrorRecord {
  gatewaySchemaVersion: string;
  gatewayVersion: string | null;
  at: number;
}

const GATEWAY_VERSION = /^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const MAX_SCHEMA_VERSION_CHARS = 16;
const MAX_VERSION_CHARS = 64;

/** A first frame that is a hello of another protocol version: what it named; null for anything else. */
export function unsupportedHello(frame: string | ArrayBuffer, now: number): SchemaErrorRecord | null {
  if (typeof frame !== 'string' || frame.length > MAX_TEXT_FRAME_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, schema_version: schema, version } = value as Record<string, unknown>;
  if (type !== 'gateway.hello' || (typeof schema !== 'string' && typeof schema !== 'number')) return null;
  if (String(schema) === SCHEMA_VERSION) return null;
  return {
    gatewaySchemaVersion: String(schema).slice(0, MAX_SCHEMA_VERSION_CHARS),
    gatewayVersion:
      typeof version === 'string' && version.length <= MAX_VERSION_CHARS && GATEWAY_VERSION.test(version)
        ? version
        : null,
    at: now,
  };
}

/** The error the gateway is sent and the page shows: both protocol versions, by number. */
export function schemaUnsupportedError(record: SchemaErrorRecord): {
  code: 'gateway.schema_unsupported';
  message: string;
} {
  return {
    code: 'gateway.schema_unsupported',
    message: `this gateway speaks protocol ${record.gatewaySchemaVersion}; this control plane speaks ${SCHEMA_VERSION}`,
  };
}

/**
 * The refusal as the server page shows it; `tarballUrl` is the release this control plane offers, which the
 * operator installs from the server's console (the gateway cannot be sent a command it would understand).
 */
export function schemaErrorJson(record: SchemaErrorRecord, tarballUrl: string | null): GatewaySchemaError {
  return {
    ...schemaUnsupportedError(record),
    gateway_schema_version: record.gatewaySchemaVersion,
    schema_version: SCHEMA_VERSION,
    gateway_version: record.gatewayVersion,
    update_command: tarballUrl === null ? null : `vibe-gateway update --url ${tarballUrl}`,
    at: new Date(record.at).toISOString(),
  };
}
