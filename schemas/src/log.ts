/**
 * `@vibecode/schemas/log`: the one structured logger of the control plane, the gateway and localcloud. One JSON
 * object per line — `time`, `level`, `msg`, then the correlation ids a child logger carries (`user_id`, `vps_id`,
 * `session_id`, `gateway_id`, `request_id`) and the call's own fields; later fields win. Runtime-neutral: each runtime
 * picks its sink (by default `console.log`, which is stdout in Node and the Worker's log in workerd).
 */

export type LogFields = {
  request_id?: string;
  user_id?: string;
  vps_id?: string;
  gateway_id?: string;
  /** The session's UUID in the control plane, the protocol's session number in the gateway. */
  session_id?: string | number;
  [key: string]: unknown;
};

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

/** Takes one line: a JSON object without its line break. */
export type LogSink = (line: string) => void;

/** Browsers, Node and workerd all have `console`; the ES library this package compiles against does not declare it. */
const host = globalThis as unknown as { console: { log(line: string): void } };

const consoleSink: LogSink = (line) => host.console.log(line);

export function createLogger(base: LogFields = {}, sink: LogSink = consoleSink): Logger {
  const write = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, fields?: LogFields) =>
    sink(JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields }));
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => createLogger({ ...base, ...fields }, sink),
  };
}

/** Writes nothing: for tests and for callers that have nowhere to log. */
export const silentLogger: Logger = createLogger({}, () => undefined);
