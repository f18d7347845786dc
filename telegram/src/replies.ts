/**
 * The bot's wording (plain text: nothing here is parsed as Markdown or HTML, except `screenBlank`, which the screen
 * message escapes itself).
 */
import commands from './commands.json' with { type: 'json' };

/** `session.ended`'s reasons, as the end of a sentence. */
const endedWhy = (reason: string) =>
  ({ ended: ' (ended by you)', exited: ' (the program exited)', lost: ' (its terminal was lost)' })[reason] ?? '';

const HOW_TO_LINK = 'open VibeCode → dashboard → Connect Telegram, then tap Open Telegram';

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
  },
  /** A masked address stands in for the account; this when the account is gone. */
  someAccount: 'your VibeCode account',
};
