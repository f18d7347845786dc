/** The bot itself: getMe, commands, menu button, webhook. */
import type { BotCommand, MenuButton } from 'grammy/types';
import { badRequest } from '../errors.ts';
import type { Params } from '../params.ts';
import { webAppUrlProblem } from '../webapp/web-app-url.ts';
import { Described, type FakeContext, type Method, menuButtonOf } from './context.ts';

const MAX_COMMANDS = 100;

function commandsKey(p: Params): string {
  const scope = p.json('scope');
  if (scope === 'failed') throw badRequest("can't parse BotCommandScope JSON object");
  return JSON.stringify([scope?.value ?? { type: 'default' }, p.str('language_code')]);
}

function readCommands(p: Params): BotCommand[] {
  const parsed = p.json('commands');
  if (parsed === undefined) throw badRequest('parameter "commands" is required');
  if (parsed === 'failed' || !Array.isArray(parsed.value)) throw badRequest("can't parse commands JSON object");
  if (parsed.value.length > MAX_COMMANDS) throw badRequest('too many bot commands specified');
  return parsed.value.map((c: unknown) => {
    const { command, description } = (c ?? {}) as Record<string, unknown>;
    if (typeof command !== 'string' || typeof description !== 'string') {
      throw badRequest('can\'t parse BotCommand: Field "command" must be of type String');
    }
    const name = command.startsWith('/') ? command.slice(1) : command;
    if (!/^[a-z0-9_]{1,32}$/.test(name)) throw badRequest('BOT_COMMAND_INVALID');
    if (description.trim().length < 1 || description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    return { command: name, description };
  });
}

/**
 * `menu_button` as Telegram reads it: absent means the default button; a `web_app` button needs non-empty text and a
 * Mini App URL (TDLib's set_menu_button: "Menu button text must be non-empty", "Menu button Web App URL … is invalid").
 */
function readMenuButton(p: Params): MenuButton {
  const parsed = p.json('menu_button');
  if (parsed === undefined) return { type: 'default' };
  const button = parsed === 'failed' ? undefined : (parsed.value as Record<string, unknown> | null);
  const type = button?.type;
  if (type === 'default' || type === 'commands') return { type };
  const webApp = button?.web_app as { url?: unknown } | undefined;
  if (type !== 'web_app' || typeof button?.text !== 'string' || typeof webApp?.url !== 'string') {
    throw badRequest("can't parse menu button JSON object");
  }
  if (button.text.trim() === '') throw badRequest('menu button text must be non-empty');
  const problem = webAppUrlProblem(webApp.url);
  if (problem) throw badRequest(`menu button Web App URL '${webApp.url}' is invalid: ${problem}`);
  return { type, text: button.text, web_app: { url: webApp.url } };
}

/** The menu-button key of a `chat_id` parameter: the chat's id ('' = the default for every private chat). */
function menuKey(ctx: FakeContext, p: Params): string {
  const chatId = p.str('chat_id');
  return chatId === '' ? '' : String(ctx.model.chat(chatId).chat.id);
}

export const botMethods: Record<string, Method> = {
  getMe: (ctx: FakeContext) => ({ ...ctx.me, has_topics_enabled: ctx.switches.topicsEnabled }),

  setMyCommands: (ctx, p) => {
    const commands = readCommands(p);
    ctx.commands.set(commandsKey(p), commands);
    return true;
  },
  getMyCommands: (ctx, p) => ctx.commands.get(commandsKey(p)) ?? [],
  deleteMyCommands: (ctx, p) => {
    ctx.commands.delete(commandsKey(p));
    return true;
  },

  setChatMenuButton: (ctx, p) => {
    const button = readMenuButton(p);
    ctx.menuButtons.set(menuKey(ctx, p), button);
    return true;
  },
  getChatMenuButton: (ctx, p) => menuButtonOf(ctx, menuKey(ctx, p)),

  setWebhook: (ctx, p) => {
    const change = ctx.webhook.set(p);
    const descriptions = {
      set: 'Webhook was set',
      already_set: 'Webhook is already set',
      deleted: 'Webhook was deleted',
      already_deleted: 'Webhook is already deleted',
    };
    return new Described(true, descriptions[change]);
  },
  deleteWebhook: (ctx) =>
    new Described(true, ctx.webhook.delete() === 'deleted' ? 'Webhook was deleted' : 'Webhook is already deleted'),
  getWebhookInfo: (ctx) => ctx.webhook.info(),
};
