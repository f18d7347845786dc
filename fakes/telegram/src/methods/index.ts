/** Every Bot API method the stand-in answers, looked up case-insensitively as Telegram does. */
import { botMethods } from './bot.ts';
import type { Method } from './context.ts';
import { fileMethods } from './files.ts';
import { messageMethods } from './messages.ts';
import { topicMethods } from './topics.ts';

const methods = new Map<string, Method>(
  Object.entries({ ...botMethods, ...messageMethods, ...topicMethods, ...fileMethods }).map(([name, method]) => [
    name.toLowerCase(),
    method,
  ]),
);

export function findMethod(name: string): Method | undefined {
  return methods.get(name.toLowerCase());
}

export { Described, type FakeContext, menuButtonOf } from './context.ts';
