/**
 * Usage-limit messages at the bottom of a screen, and when the limit resets, as the agents word them:
 * - Claude Code: "Claude usage limit reached. Your limit will reset at 3pm (Europe/Berlin)." and the newer
 *   "5-hour limit reached ∙ resets 3pm" / "You've hit your limit · resets 4:30am (America/New_York)": a wall-clock
 *   time, in the named zone or else the machine's;
 * - Codex CLI: "You've hit your usage limit. … try again in 2 hours 5 minutes." or "… try again at 3:04 PM.";
 * - Gemini CLI: "You have reached your daily quota limit" / "Quota exceeded for quota metric …", sometimes with
 *   "Please retry in 45s".
 * A reset the message does not state leaves `resetsAt` undefined: the limit is still shown, only not scheduled.
 */

export interface ScreenLimit {
  detail: string;
  resetsAt: Date | undefined;
}

/** Rows from the bottom where a limit message still describes the agent's state (below it: its input box). */
const BOTTOM_ROWS = 12;
const MAX_DETAIL = 2000;

const LIMIT =
  /usage limit reached|\blimit reached\b.*\breset|you've hit your (?:usage )?limit|reached your (?:daily )?(?:\S+ )?quota|quota exceeded/i;
const WALL_CLOCK = /\breset(?:s)?(?: at)?\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?(?:\s*\(([A-Za-z0-9_+\-/]+)\))?/i;
const AT_CLOCK = /\btry again at\s+(\d{1,2}):(\d{2})\s*(am|pm)?/i;
const IN_DURATION =
  /\b(?:try again|retry) in\s+((?:\d+(?:\.\d+)?\s*(?:days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b[\s,]*(?:and\s+)?)+)/i;

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

export function readLimit(screenText: string, now: Date, localZone: string): ScreenLimit | null {
  const rows = screenText
    .split('\n')
    .slice(-BOTTOM_ROWS)
    .map((row) => row.trim());
  const at = rows.findIndex((row) => LIMIT.test(row));
  if (at < 0) return null;
  // The message and what follows it (the reset is often on the next row).
  const message = rows
    .slice(at)
    .filter((row) => row !== '')
    .slice(0, 3)
    .join(' ')
    .replace(/[│┃|╭╮╰╯─]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { detail: message.slice(0, MAX_DETAIL), resetsAt: resetOf(message, now, localZone) };
}

function resetOf(message: string, now: Date, localZone: string): Date | undefined {
  const duration = IN_DURATION.exec(message);
  if (duration) return new Date(now.getTime() + durationMs(duration[1] as string));
  const wall = WALL_CLOCK.exec(message) ?? AT_CLOCK.exec(message);
  if (!wall) return undefined;
  const hour = to24h(Number(wall[1]), wall[3]);
  const minute = Number(wall[2] ?? 0);
  if (hour === undefined || minute > 59) return undefined;
  return nextWallClock(now, hour, minute, wall[4] ?? localZone);
}

function durationMs(text: string): number {
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)\s*([dhms])/gi)) {
    total += Number(part[1]) * (UNIT_MS[(part[2] as string).toLowerCase()] ?? 0);
  }
  return total;
}

function to24h(hour: number, meridiem: string | undefined): number | undefined {
  if (meridiem === undefined) return hour <= 23 ? hour : undefined;
  if (hour < 1 || hour > 12) return undefined;
  const pm = meridiem.toLowerCase() === 'pm';
  return (hour % 12) + (pm ? 12 : 0);
}

/** The first moment after `now` when the clock in `zone` shows hour:minute; an unknown zone reads as UTC. */
export function nextWallClock(now: Date, hour: number, minute: number, zone: string): Date {
  const offset = zoneOffsetOf(zone);
  const wallNow = new Date(now.getTime() + offset(now));
  const wallTarget = Date.UTC(wallNow.getUTCFullYear(), wallNow.getUTCMonth(), wallNow.getUTCDate(), hour, minute);
  for (const day of [0, 1]) {
    const wall = wallTarget + day * 86_400_000;
    // Two passes settle the offset across a DST change between now and the target.
    let utc = wall - offset(new Date(wall));
    utc = wall - offset(new Date(utc));
    if (utc > now.getTime()) return new Date(utc);
  }
  return new Date(wallTarget + 86_400_000 - offset(now));
}

/** The zone's offset from UTC in ms at a moment, through Intl (no zone database of our own). */
function zoneOffsetOf(zone: string): (at: Date) => number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return () => 0;
  }
  return (at) => {
    const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    const wall = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    return wall - Math.floor(at.getTime() / 1000) * 1000;
  };
}
