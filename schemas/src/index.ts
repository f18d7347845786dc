/** The protocol: message types, their validators, the binary frame codec and the limits both ends enforce. */

export { decodeFrame, encodeOutputFrame, FRAME_HEADER_BYTES, FrameKind, type OutputFrame } from './frame.ts';
export type * from './generated/types.ts';
export * from './limits.ts';
export { isMessageType, message, parseTextFrame, type Sender, senderOf, validateMessage } from './parse.ts';
export { type ProtocolError, type ProtocolErrorCode, protocolErrorCodes } from './protocol-error.ts';
export { err, ok, type Result } from './result.ts';
