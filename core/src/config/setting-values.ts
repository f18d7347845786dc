/**
 * Reading single settings from the Worker's env as the runtime hands it over: text, URLs and durations, each refused
 * by name (never by value) into the caller's list of problems.
 */

export const appEnvs = ['local', 'staging', 'production'] as const;
export type AppEnvName = (typeof appEnvs)[number];

/** Secrets and vars as the runtime hands them over; any of them may be missing. */
export type RawConfig = Partial<Record<string, unknown>>;

/** A setting's trimmed text; undefined when missing, empty or not text. */
export const text = (raw: RawConfig, name: string): string | undefined => {
  const value = raw[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** Outside local mode every URL the Worker hands out or sends secrets to must be https; locally http is fine. */
export const requiresHttps = (appEnv: AppEnvName | undefined): boolean => appEnv !== 'local';

/** The URL without trailing slashes, or `undefined` with a problem naming the setting (never its value). */
export function checkUrl(name: string, value: string, httpsOnly: boolean, problems: string[]): string | undefined {
  if (!isHttpUrl(value) || (httpsOnly && new URL(value).protocol !== 'https:')) {
    problems.push(`${name} must be an ${httpsOnly ? 'https' : 'http(s)'} URL`);
    return undefined;
  }
  return value.replace(/\/+$/, '');
}

export function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

const UNIT_MS = { seconds: 1000, minutes: 60_000 } as const;

/**
 * Setting `name`, a duration written as a whole number of `unit` within `range`, in ms: `fallbackMs` when it is not
 * set, undefined (a problem pushed, naming it) when it is something else.
 */
export function duration(
  raw: RawConfig,
  name: string,
  unit: keyof typeof UNIT_MS,
  range: { min: number; max: number },
  fallbackMs: number,
  problems: string[],
): number | undefined {
  const value = text(raw, name);
  if (value === undefined) return fallbackMs;
  const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(count >= range.min && count <= range.max)) {
    problems.push(`${name} must be a whole number of ${unit} from ${range.min} to ${range.max}`);
    return undefined;
  }
  return count * UNIT_MS[unit];
}
