/** What other packages may use from core. */
export { ApiError } from './http/api-error.ts';
export { createLogger, type LogFields, type Logger } from './log.ts';
