/**
 * The protocol: message types, their validators, the binary frame codec and the limits both ends enforce; and the
 * HTTP API's contract: resource, request and response types, and body validators; and what both ends of a form
 * share: the agent instruction files' default text, the rule for a safe `next` path.
 */

export {
  AGENTS_MD,
  CLAUDE_MD,
  INSTRUCTION_FILES,
  type InstructionFile,
  instructionFileFor,
} from './agent-instructions.ts';
export {
  type ApiBodyError,
  type ApiBodyRoute,
  type ApiJsonRoute,
  type ApiRequest,
  type ApiResource,
  type ApiResponse,
  type ApiRoute,
  validateApiRequest,
  validateApiResource,
  validateApiResponse,
} from './api.ts';
export { ATTENTION_NOTIFICATION_TAG, attentionNotification, sessionPath } from './attention-notification.ts';
export { POWER_OFF_BILLING } from './billing.ts';
export { CloseCode } from './close-codes.ts';
export { decodeFrame, encodeOutputFrame, FRAME_HEADER_BYTES, FrameKind, type OutputFrame } from './frame.ts';
export * from './generated/api-enums.ts';
export type * from './generated/api-types.ts';
export type * from './generated/types.ts';
export * from './limits.ts';
export { NEXT_PATH_MAX, safeNextPath } from './next-path.ts';
export { echoRef, isMessageType, message, parseTextFrame, type Sender, senderOf, validateMessage } from './parse.ts';
export { type ProtocolError, type ProtocolErrorCode, protocolErrorCodes } from './protocol-error.ts';
export { pushSubscriptionId } from './push-subscription-id.ts';
export { err, ok, type Result } from './result.ts';
