/**
 * The bot's wording (plain text: nothing here is parsed as Markdown or HTML, except `screenBlank`, which the screen
 * message escapes itself).
 */
import { POWER_OFF_BILLING } from '@vibecode/schemas';
import commands from './commands.json' with { type: 'json' };

/** `session.ended`'s reasons, as the end of a sentence. */
const endedWhy = (reason: string) =>
  ({ ended: ' (ended by you)', exited: ' (the program exited)', lost: ' (its terminal was lost)' })[reason] ?? '';

const HOW_TO_LINK = 'open VibeCode → dashboard → Connect Telegram, then tap Open Telegram';

/** A file's size as a person reads it: bytes, then KiB and MiB with one decimal. */
const sizeText = (bytes: number) =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

export const replies = {
  unlinked: `This Telegram account is not linked to VibeCode. To link it, ${HOW_TO_LINK}.`,
  badCode:
    'That link code is not valid: it has expired (codes last 10 minutes), was used already, or was mistyped. ' +
    `To get a new one, ${HOW_TO_LINK}.`,
  linked: (email: string) => `Linked: this Telegram account is now connected to VibeCode as ${email}.`,
  moved: (from: string, to: string) =>
    `This Telegram account was linked to ${from}; it is now linked to ${to} instead.`,
  stillLinked: (email: string) => `This Telegram account is connected to VibeCode as ${email}. /help lists commands.`,
  unlinkedNow: (email: string) =>
    `Disconnected: this Telegram account is no longer linked to ${email}. To link again, ${HOW_TO_LINK}.`,
  help: (email: string) =>
    [
      `Connected to VibeCode as ${email}.`,
      '',
      ...commands.map(({ command, description }) => `/${command}: ${description}`),
    ].join('\n'),
  unknown: "I don't know that one yet. /help lists what I can do.",
  /** In a session's topic (`topics/`). */
  topic: {
    blank: '(the screen is empty)',
    quiet: 'No output for a while: the session may be waiting for your input.',
    ended: (reason: string) => `This session has ended${endedWhy(reason)}. Messages here no longer reach it.`,
    refused: 'This session has ended: messages here no longer reach it.',
    keys: (names: string[]) => `Usage: /key <name>, one of: ${names.join(', ')}.`,
    endAsk: 'End this session? The program in it stops.',
    endYes: 'End session',
    endNo: 'Keep it',
    ending: 'Ending the session…',
    kept: 'The session keeps running.',
    /** Told once per chat when topics fail there and sessions are shown as pinned messages instead. */
    pinnedFallback:
      'Topics are not available in this chat right now, so each session is shown as one pinned message here. Reply to a session’s message to type into it; /key, /screen and /end work as replies too.',
    /** The line above a pinned session's screen (HTML: the caller escapes the name). */
    pinnedHeader: (name: string) => `<b>${name}</b>`,
  },
  /** The main chat's commands: /new, /sessions, /power, /keys (`chat/`). */
  chat: {
    noServers: 'You have no servers yet. Create one on the VibeCode dashboard, then come back.',
    whichServer: 'Which server?',
    server: (name: string) => `Server: ${name}`,
    whichAgent: 'Which agent should the session run?',
    agent: (agent: string) => `Agent: ${agent}`,
    askTitle: (fallback: string) => `Send a title for the session, or tap the button to call it "${fallback}".`,
    useTitle: (fallback: string) => `Use "${fallback}"`,
    badTitle: 'A title is 1 to 100 characters of text. Send another, or tap the button.',
    tapButton: 'Tap one of the buttons above, or send a command to leave.',
    starting: (name: string, title: string) => `Starting "${title}" on ${name}…`,
    started: (name: string, title: string) =>
      `Started "${title}" on ${name}. Its topic "${name} · ${title}" shows the screen and takes your input.`,
    noSessions: 'No open sessions. /new starts one.',
    sessions: 'Your open sessions. Tap one to show its screen again in its topic:',
    sessionButton: (name: string, title: string, status: string) =>
      `${name} · ${title}${status === 'running' ? '' : ` (${status})`}`,
    shown: 'The screen is posted again in its topic.',
    powerOffAsk: (name: string) =>
      `Power off ${name}? Running sessions stop until you power it on again. ${POWER_OFF_BILLING}`,
    powerOnAsk: (name: string) => `${name} is powered off. Power it on?`,
    powerOff: 'Power off',
    powerOn: 'Power on',
    cancel: 'Cancel',
    cancelled: 'Cancelled: nothing changed.',
    poweredOff: (name: string) => `${name} is powered off. ${POWER_OFF_BILLING}`,
    poweringOn: (name: string) => `Powering on ${name}. Its sessions can start again once it is ready.`,
    noPower: (name: string, status: string) =>
      `${name} is ${status.replaceAll('_', ' ')}: there is nothing to power now.`,
    noKeys: (name: string) => `No SSH keys on ${name}. Add one on the server's page in VibeCode.`,
    keys: (name: string, lines: string[]) => [`SSH keys on ${name}:`, ...lines].join('\n'),
    key: (label: string, type: string, fingerprint: string, expiresAt: string | null) =>
      `• ${label} (${type}${expiresAt === null ? '' : `, until ${expiresAt}`})\n  ${fingerprint}`,
    expired: 'That question has expired. Send the command again.',
  },
  /** Files in a session's topic: a document or photo sent there, /get (`files/`). */
  files: {
    saved: (path: string, size: number) => `Saved to ${path} in the session's folder (${sizeText(size)}).`,
    getUsage: "Usage: /get <path>, a file in the session's folder, e.g. /get notes.md or /get src/app.ts.",
    unavailable: 'Telegram did not hand over the file, so it was not saved. Send it again.',
    tooBigForTelegram: 'Telegram lets bots fetch files of up to 20 MB, and this one is bigger, so it was not saved.',
    sizeUnknown: 'Telegram did not say how big the file is, so it was not saved. Send it as a file.',
    readFailed: 'The file could not be read from the server to its end, so it was not sent. Try /get again.',
  },
  /** The Mini App's sign-in (`POST /api/miniapp/auth`), shown on its page. */
  miniApp: {
    invalid: 'Could not verify this Telegram session: close and reopen the Mini App.',
    notLinked:
      'This Telegram account is not linked to VibeCode. To link it, open VibeCode → dashboard → Connect Telegram, ' +
      'then send the code to the bot.',
  },
  /** A masked address stands in for the account; this when the account is gone. */
  someAccount: 'your VibeCode account',
};
