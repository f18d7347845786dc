/**
 * Errors a protocol boundary reports. Codes are dotted; the ones the protocol itself produces are listed
 * here, and every code used on the wire matches the `ErrorCode` pattern in json/common.json.
 */
export const protocolErrorCodes = [
  'protocol.invalid_json',
  'protocol.unknown_type',
  'protocol.schema',
  'protocol.too_large',
  'frame.too_short',
  'frame.unknown_kind',
  'frame.invalid_session',
  'frame.invalid_seq',
] as const;

export type ProtocolErrorCode = (typeof protocolErrorCodes)[number];

export interface ProtocolError {
  code: ProtocolErrorCode;
  message: string;
  /** JSON pointer to the offending value, for schema errors. */
  path?: string;
}
