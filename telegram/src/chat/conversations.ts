/**
 * The main chat's conversations (`@grammyjs/conversations`, state in D1 between updates):
 *   - /new: the server (asked only when there are several), the agent (buttons), a title (a text reply, or the
 *     agent's name with a button) → core's `SessionControl.create`; its topic appears as the hub opens the session;
 *   - /power: the server, then Power off (with the seed's billing copy) or Power on as its status allows, and a
 *     confirm button → core's `ServerControl.power`;
 *   - /keys: the server → its SSH keys as the web lists them.
 * A conversation replays from its start on each update, so every call into core goes through `conversation.external`
 * (its result is kept and replayed, never asked twice). Core's refusals are answered with their message.
 */
import type { Conversation } from '@grammyjs/conversations';
import type { ServerControl, ServerSummary, SessionControl } from '@vibecode/core/ports';
import { agentTypes } from '@vibecode/schemas';
import { type Context, InlineKeyboard } from 'grammy';
import { replies } from '../replies.ts';
import { answerTo } from './ask.ts';

export type ConversationDeps = { sessions: SessionControl; servers: ServerControl };

/** Callback data prefixes of the questions' buttons: each question answers only its own. */
export const SERVER = 'srv:';
export const AGENT = 'agent:';
export const TITLE = 'title:';
export const POWER = 'power:';
export const DEFAULT_TITLE = 'default';
export const CANCEL = 'cancel';

/** The power action a server's status offers, as the web's server page does (`web/src/lib/ui/vps-lifecycle.ts`). */
export function powerActionOf(status: ServerSummary['status']): 'off' | 'on' | null {
  if (status === 'ready' || status === 'offline' || status === 'power_on_timeout') return 'off';
  if (status === 'powered_off') return 'on';
  return null;
}

export function chatConversations(deps: ConversationDeps) {
  const { sessions, servers } = deps;

  /** The user's server for this conversation: the only one, or the one they pick; null when they have none. */
  async function chooseServer<OC extends Context>(
    conversation: Conversation<OC, Context>,
    ctx: Context,
    userId: string,
  ): Promise<ServerSummary | null> {
    const list = await conversation.external(() => servers.list(userId));
    const [only] = list;
    if (only === undefined) {
      await ctx.reply(replies.chat.noServers);
      return null;
    }
    if (list.length === 1) return only;
    const buttons = new InlineKeyboard();
    for (const [i, server] of list.entries()) {
      buttons.text(`${server.name} (${server.status.replaceAll('_', ' ')})`, `${SERVER}${i}`).row();
    }
    await ctx.reply(replies.chat.whichServer, { reply_markup: buttons });
    const answer = await answerTo(conversation, { prefix: SERVER, values: list.map((_, i) => String(i)), text: false });
    const server = list[Number(answer.value)] ?? only;
    await answer.ctx.editMessageText(replies.chat.server(server.name));
    return server;
  }

  async function newSession<OC extends Context>(conversation: Conversation<OC, Context>, ctx: Context, userId: string) {
    const server = await chooseServer(conversation, ctx, userId);
    if (server === null) return;
    const agents = new InlineKeyboard();
    for (const agent of agentTypes) agents.text(agent, `${AGENT}${agent}`);
    await ctx.reply(replies.chat.whichAgent, { reply_markup: agents });
    const picked = await answerTo(conversation, { prefix: AGENT, values: agentTypes, text: false });
    const agentType = agentTypes.find((agent) => agent === picked.value) ?? 'shell';
    await picked.ctx.editMessageText(replies.chat.agent(agentType));

    const fallback: string = agentType;
    await ctx.reply(replies.chat.askTitle(fallback), {
      reply_markup: new InlineKeyboard().text(replies.chat.useTitle(fallback), `${TITLE}${DEFAULT_TITLE}`),
    });
    for (;;) {
      const answer = await answerTo(conversation, { prefix: TITLE, values: [DEFAULT_TITLE], text: true });
      const title = answer.kind === 'button' ? fallback : answer.value;
      const created = await conversation.external(() => sessions.create(userId, server.vpsId, { title, agentType }));
      if (created.ok) {
        await answer.ctx.reply(replies.chat.started(created.value.vpsName, created.value.title));
        return;
      }
      // Core checks the title as the web's form does; a bad one is asked again, any other refusal ends here.
      if (created.error.code !== 'http.invalid_body') {
        await answer.ctx.reply(created.error.message);
        return;
      }
      await answer.ctx.reply(`${created.error.message}. ${replies.chat.badTitle}`);
    }
  }

  async function power<OC extends Context>(conversation: Conversation<OC, Context>, ctx: Context, userId: string) {
    const server = await chooseServer(conversation, ctx, userId);
    if (server === null) return;
    const action = powerActionOf(server.status);
    if (action === null) {
      await ctx.reply(replies.chat.noPower(server.name, server.status));
      return;
    }
    const confirm = action === 'off' ? replies.chat.powerOff : replies.chat.powerOn;
    await ctx.reply(action === 'off' ? replies.chat.powerOffAsk(server.name) : replies.chat.powerOnAsk(server.name), {
      reply_markup: new InlineKeyboard()
        .text(confirm, `${POWER}${action}`)
        .text(replies.chat.cancel, `${POWER}${CANCEL}`),
    });
    const answer = await answerTo(conversation, { prefix: POWER, values: [action, CANCEL], text: false });
    if (answer.value === CANCEL) {
      await answer.ctx.editMessageText(replies.chat.cancelled);
      return;
    }
    const result = await conversation.external(() => servers.power(userId, server.vpsId, action));
    const done = action === 'off' ? replies.chat.poweredOff(server.name) : replies.chat.poweringOn(server.name);
    await answer.ctx.editMessageText(result.ok ? done : result.error.message);
  }

  async function keys<OC extends Context>(conversation: Conversation<OC, Context>, ctx: Context, userId: string) {
    const server = await chooseServer(conversation, ctx, userId);
    if (server === null) return;
    const result = await conversation.external(() => servers.keys(userId, server.vpsId));
    if (!result.ok) {
      await ctx.reply(result.error.message);
      return;
    }
    const lines = result.value.map((key) => replies.chat.key(key.label, key.type, key.fingerprint, key.expires_at));
    await ctx.reply(lines.length === 0 ? replies.chat.noKeys(server.name) : replies.chat.keys(server.name, lines));
  }

  return { newSession, power, keys };
}
