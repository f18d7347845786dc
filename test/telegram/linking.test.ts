/**
 * The bot as a person meets it, through the real Worker (webhook → Queue → consumer → grammY) and the Telegram
 * stand-in: an unlinked account is told how to link and nothing else; "Connect Telegram" gives a single-use code whose
 * `/start` links the account and answers with the masked address; a re-sent update runs once; a forged or missing
 * secret is refused before anything runs; `/unlink` and the web's Disconnect undo the link.
 */
import type { ApiResponse } from '@vibecode/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramStack, type TelegramStack, textFrom } from './telegram-stack.ts';

let stack: TelegramStack;
beforeAll(async () => {
  stack = await startTelegramStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** `ada@example.com` → `a***@example.com`: enough to recognise, not enough to harvest. */
function masked(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local[0]}***@${domain}`;
}

async function linkCode(): Promise<ApiResponse<'POST /api/telegram/link'>> {
  return stack.browser.json('POST', '/api/telegram/link', undefined, 201);
}

describe('the webhook', () => {
  it('refuses a forged or missing secret with 401, and nothing reaches the bot', async () => {
    const forgedChat = 7_100_001;
    const url = `${stack.system.origin}/telegram/webhook`;
    const body = JSON.stringify({ update_id: 900_000_001, ...textFrom(forgedChat, '/help') });
    const forged: Record<string, string>[] = [
      { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': `${stack.secret}x` },
      { 'content-type': 'application/json' },
    ];
    for (const headers of forged) {
      const res = await fetch(url, { method: 'POST', headers, body });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: expect.objectContaining({ code: 'telegram.unauthorized' }) });
    }
    // A genuine update sent after the forged ones is answered; had a forged one been queued, it would be too.
    const genuineChat = 7_100_002;
    await stack.telegram.deliver(textFrom(genuineChat, 'hello'));
    await stack.nextReply(genuineChat, 0);
    expect(stack.sentTo(forgedChat)).toEqual([]);
  });

  it('runs an update Telegram sends twice only once', async () => {
    const chat = 7_100_003;
    const update = { update_id: 900_000_002, ...textFrom(chat, 'hello') };
    expect(await stack.telegram.deliver(update)).toMatchObject({ delivered: true, status: 200 });
    expect(await stack.telegram.deliver(update)).toMatchObject({ delivered: true, status: 200 });
    // A later update from the same chat is answered after the duplicate was handled (the Queue keeps their order
    // locally): by then the duplicate would have had its own reply.
    await stack.telegram.deliver(textFrom(chat, 'hello again'));
    await stack.nextReply(chat, 1);
    expect(stack.sentTo(chat)).toHaveLength(2);
  });
});

describe('linking', () => {
  const person = 7_200_001;

  it('tells an account that is not linked how to link it, and nothing else', async () => {
    await stack.telegram.deliver(textFrom(person, '/help'));
    const reply = await stack.nextReply(person, 0);
    expect(reply).toContain('not linked to VibeCode');
    expect(reply).toContain('Connect Telegram');
    expect(await stack.browser.json<ApiResponse<'GET /api/telegram'>>('GET', '/api/telegram')).toEqual({
      configured: true,
      linked: false,
      topics: true,
    });
  });

  it('gives a single-use code whose /start links the account and answers with the masked address', async () => {
    const link = await linkCode();
    expect(link.url).toBe(`https://t.me/vibecode_local_bot?start=${link.code}`);
    expect(Date.parse(link.expires_at) - Date.now()).toBeGreaterThan(9 * 60_000);
    const before = stack.sentTo(person).length;
    await stack.telegram.deliver(textFrom(person, `/start ${link.code}`));
    const reply = await stack.nextReply(person, before);
    expect(reply).toContain(masked(stack.email));
    expect(reply).not.toContain(stack.email);
    const status = await stack.browser.json<ApiResponse<'GET /api/telegram'>>('GET', '/api/telegram');
    expect(status).toMatchObject({ configured: true, linked: true });

    // The same code again, from another account: used, so refused, and that account stays unlinked.
    const other = 7_200_002;
    await stack.telegram.deliver(textFrom(other, `/start ${link.code}`));
    expect(await stack.nextReply(other, 0)).toContain('not valid');
    await stack.telegram.deliver(textFrom(other, '/help'));
    expect(await stack.nextReply(other, 1)).toContain('not linked');
  });

  it('answers a linked account as its user', async () => {
    const before = stack.sentTo(person).length;
    await stack.telegram.deliver(textFrom(person, '/help'));
    expect(await stack.nextReply(person, before)).toContain(`Connected to VibeCode as ${masked(stack.email)}`);
  });

  it('/unlink in the bot disconnects, and the web sees it', async () => {
    const before = stack.sentTo(person).length;
    await stack.telegram.deliver(textFrom(person, '/unlink'));
    expect(await stack.nextReply(person, before)).toContain('Disconnected');
    expect(await stack.browser.json<ApiResponse<'GET /api/telegram'>>('GET', '/api/telegram')).toMatchObject({
      linked: false,
    });
  });

  it("the web's Disconnect unlinks too, and the bot no longer knows the account", async () => {
    const link = await linkCode();
    const before = stack.sentTo(person).length;
    await stack.telegram.deliver(textFrom(person, `/start ${link.code}`));
    await stack.nextReply(person, before);
    expect(await stack.browser.json('DELETE', '/api/telegram/link')).toEqual({ linked: false });
    await stack.telegram.deliver(textFrom(person, '/help'));
    expect(await stack.nextReply(person, before + 1)).toContain('not linked');
  });

  it('refuses a link code asked from another site', async () => {
    const res = await fetch(`${stack.system.origin}/api/telegram/link`, {
      method: 'POST',
      headers: { cookie: stack.browser.cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: expect.objectContaining({ code: 'http.cross_origin' }) });
  });
});
