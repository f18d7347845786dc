/** Structured logs: one JSON object per line on stdout, with the gateway id and, where it applies, the session id. */

export type LogFields = Record<string, string | number | boolean | null | undefined>;
type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line; later fields win. */
  child(fields: LogFields): Logger;
}

export type LogWriter = (line: string) => void;

export function createLogger(base: LogFields, write: LogWriter = (line) => process.stdout.write(line)): Logger {
  const emit = (level: Level, msg: string, fields?: LogFields) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields })}\n`);
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger({ ...base, ...fields }, write),
  };
}
