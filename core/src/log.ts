/** Structured JSON logs: one object per line, with correlation ids carried by child loggers. */
export type LogFields = {
  request_id?: string;
  user_id?: string;
  vps_id?: string;
  gateway_id?: string;
  session_id?: string | number;
  [key: string]: unknown;
};

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export function createLogger(base: LogFields = {}, sink: (line: string) => void = console.log): Logger {
  const write = (level: string, msg: string, fields?: LogFields) =>
    sink(JSON.stringify({ level, msg, time: new Date().toISOString(), ...base, ...fields }));
  return {
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => createLogger({ ...base, ...fields }, sink),
  };
}
