/**
 * Test switches that make the stand-in misbehave the way Telegram sometimes does. Set over HTTP
 * (`POST /_fake/switches`) or in-process (`fake.switches.set`); every value is validated, an unknown key is refused.
 */
export interface SwitchValues {
  /** The next `count` Bot API calls answer 429 "Too Many Requests: retry after <retryAfter>". */
  rateLimit: { count: number; retryAfter: number } | null;
  /** What `getMe` reports as `has_topics_enabled`; without it topic methods in private chats fail. */
  topicsEnabled: boolean;
  /** createForumTopic / editForumTopic / deleteForumTopic answer 400 while getMe still reports topics. */
  topicCallsFail: boolean;
}

export class SwitchError extends Error {}

const MAX_RATE_LIMITED_CALLS = 1000;
const MAX_RETRY_AFTER_S = 3600;

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export class Switches {
  private values: SwitchValues = { rateLimit: null, topicsEnabled: true, topicCallsFail: false };

  get(): SwitchValues {
    return structuredClone(this.values);
  }

  /** Applies a partial update; nothing changes when any part of it is invalid. */
  set(patch: unknown): SwitchValues {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new SwitchError('switches must be a JSON object');
    }
    const next = structuredClone(this.values);
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'rateLimit') {
        if (value === null) {
          next.rateLimit = null;
          continue;
        }
        const v = value as { count?: unknown; retryAfter?: unknown } | undefined;
        if (
          typeof v !== 'object' ||
          !isInt(v.count, 0, MAX_RATE_LIMITED_CALLS) ||
          !isInt(v.retryAfter, 1, MAX_RETRY_AFTER_S)
        ) {
          throw new SwitchError(
            `rateLimit must be null or {count: 0..${MAX_RATE_LIMITED_CALLS}, retryAfter: 1..${MAX_RETRY_AFTER_S}}`,
          );
        }
        next.rateLimit = v.count === 0 ? null : { count: v.count, retryAfter: v.retryAfter };
      } else if (key === 'topicsEnabled' || key === 'topicCallsFail') {
        if (typeof value !== 'boolean') throw new SwitchError(`${key} must be a boolean`);
        next[key] = value;
      } else {
        throw new SwitchError(`unknown switch: ${key}`);
      }
    }
    this.values = next;
    return this.get();
  }

  /** Consumes one rate-limited call: the `retry_after` to answer with, or undefined when calls go through. */
  takeRateLimit(): number | undefined {
    const limit = this.values.rateLimit;
    if (!limit) return undefined;
    limit.count -= 1;
    if (limit.count <= 0) this.values.rateLimit = null;
    return limit.retryAfter;
  }

  get topicsEnabled(): boolean {
    return this.values.topicsEnabled;
  }

  get topicCallsFail(): boolean {
    return this.values.topicCallsFail;
  }
}
