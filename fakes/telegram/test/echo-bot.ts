/**
 * A tiny real grammY bot behind a local webhook server, pointed at the stand-in — what the chat page tests talk to.
 * It echoes text in the same topic (saying what it replies to), makes topics, edits a message, sends an inline
 * keyboard and answers its buttons, pins, says what files and photos it got, sends a document back (`/get`) and
 * shows "typing" (`/think`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, InputFile, webhookCallback } from 'grammy';
import type { FakeTelegram } from '../src/index.ts';
import { TOKEN } from './helpers.ts';

export const WEBHOOK_SECRET = 'echo-bot-secret';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface EchoBot {
  bot: Bot;
  /** The webhook URL the bot registered with the stand-in. */
  url: string;
  close(): Promise<void>;
}

export async function startEchoBot(f: FakeTelegram): Promise<EchoBot> {
  const bot = new Bot(TOKEN, { client: { apiRoot: f.url } });
  bot.command('topic', async (ctx) => {
    const topic = await ctx.api.createForumTopic(ctx.chat.id, ctx.match || 'New topic');
    await ctx.api.sendMessage(ctx.chat.id, `Topic <b>${escapeHtml(topic.name)}</b> is ready`, {
      parse_mode: 'HTML',
      message_thread_id: topic.message_thread_id,
    });
  });
  bot.command('menu', (ctx) =>
    ctx.reply('Pick one', {
      reply_markup: {
        inline_keyboard: [[{ text: 'Yes', callback_data: 'yes' }], [{ text: 'Docs', url: 'https://example.com/docs' }]],
      },
    }),
  );
  bot.command('pin', async (ctx) => {
    const sent = await ctx.reply('Pinned note');
    await ctx.api.pinChatMessage(ctx.chat.id, sent.message_id);
  });
  bot.command('get', async (ctx) => {
    await ctx.replyWithChatAction('upload_document');
    await ctx.replyWithDocument(new InputFile(Buffer.from('report body\n'), 'report.txt'), { caption: 'your file' });
  });
  bot.command('think', (ctx) => ctx.replyWithChatAction('typing'));
  bot.callbackQuery('yes', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'You chose yes' });
    await ctx.editMessageText('Chosen: <i>yes</i>', { parse_mode: 'HTML' });
  });
  bot.hears('edit me', async (ctx) => {
    const sent = await ctx.reply('working…');
    await ctx.api.editMessageText(ctx.chat.id, sent.message_id, 'done <code>ok</code>', { parse_mode: 'HTML' });
  });
  bot.on('message:text', (ctx) => {
    const replied = ctx.msg.reply_to_message;
    const about = replied ? ` (reply to #${replied.message_id})` : '';
    return ctx.reply(`echo: <b>${escapeHtml(ctx.msg.text)}</b>${about}`, {
      parse_mode: 'HTML',
      ...(ctx.msg.is_topic_message ? { message_thread_id: ctx.msg.message_thread_id } : {}),
    });
  });
  bot.on('message:document', (ctx) =>
    ctx.reply(`got file ${ctx.msg.document.file_name} (${ctx.msg.document.file_size} bytes)`),
  );
  bot.on('message:photo', async (ctx) => {
    const photo = ctx.msg.photo[ctx.msg.photo.length - 1];
    const file = await ctx.api.getFile(photo?.file_id ?? '');
    await ctx.reply(`got photo ${photo?.width}x${photo?.height} at ${file.file_path}`);
  });

  const handler = webhookCallback(bot, 'http', { secretToken: WEBHOOK_SECRET });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
  await bot.api.setWebhook(url, { secret_token: WEBHOOK_SECRET });
  return {
    bot,
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
