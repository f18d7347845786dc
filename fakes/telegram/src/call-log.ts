/** Every Bot API call the stand-in answered, in order, with what it answered. */

/** The oldest calls are dropped past this many, so a long `npm start` session stays bounded. */
export const MAX_RECORDED_CALLS = 10_000;

export interface RecordedCall {
  /** The method as the client spelled it in the URL (Telegram matches method names case-insensitively). */
  method: string;
  /** The parameters as sent: a JSON body as is, form fields as strings, uploads as `{file_name, mime_type, file_size}`. */
  params: Record<string, unknown>;
  /** The `result` field of an ok answer, or the whole `{ok:false,…}` body of an error. */
  result: unknown;
  /** When it was answered, ms since the epoch. */
  at: number;
}

export class CallLog {
  private entries: RecordedCall[] = [];

  add(call: RecordedCall): void {
    this.entries.push(call);
    if (this.entries.length > MAX_RECORDED_CALLS) this.entries.shift();
  }

  all(): RecordedCall[] {
    return structuredClone(this.entries);
  }

  clear(): void {
    this.entries = [];
  }
}
