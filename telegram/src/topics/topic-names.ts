/** A session's topic name, `<vps name> · <title>`, within Telegram's 128 characters, and the same name once ended. */

export const MAX_TOPIC_NAME = 128;
const ENDED = ' (ended)';

/** Cut to `max` characters (code points, so an emoji is never split), with … when cut. */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export function topicName(vpsName: string, title: string): string {
  return cut(`${vpsName.trim()} · ${title.trim()}`, MAX_TOPIC_NAME);
}

export function endedTopicName(name: string): string {
  return `${cut(name, MAX_TOPIC_NAME - ENDED.length)}${ENDED}`;
}
