import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import {
  cardFromError,
  cardFromLink,
  cardFromStatus,
  connectedText,
  hidesCard,
  loadingCard,
  type TelegramCard,
} from './telegram-card.ts';

const T0 = Date.parse('2026-12-05T21:00:00Z');
const link = { code: 'c0de', url: 'https://t.me/vibecode_local_bot?start=c0de', expires_at: '2026-12-05T21:10:00Z' };
const waiting = cardFromLink(link);
const notConfigured = new ApiError(503, 'telegram.not_configured', 'Telegram is not configured');
const noRoute = new ApiError(404, 'http.not_found', 'no route for GET /api/telegram');
const unreachable = new ApiError(0, 'network.unreachable', 'Could not reach VibeCode.');

describe('the Telegram card', () => {
  it('shows Connect for an unlinked account and who is connected for a linked one', () => {
    expect(cardFromStatus(loadingCard, { linked: false }, T0)).toEqual({ kind: 'unlinked', expired: false });
    expect(cardFromStatus(loadingCard, { linked: true, username: 'ada' }, T0)).toEqual({
      kind: 'linked',
      username: 'ada',
    });
    expect(cardFromStatus(loadingCard, { linked: true }, T0)).toEqual({ kind: 'linked', username: null });
    expect(cardFromStatus(loadingCard, { configured: false, linked: false }, T0)).toEqual({ kind: 'hidden' });
    expect(cardFromStatus(loadingCard, { configured: true, linked: false }, T0)).toEqual({
      kind: 'unlinked',
      expired: false,
    });
  });

  it('is hidden where this VibeCode has no bot, and where the control plane has no Telegram routes', () => {
    expect(cardFromError(loadingCard, notConfigured, T0)).toEqual({ kind: 'hidden' });
    expect(cardFromError(loadingCard, noRoute, T0)).toEqual({ kind: 'hidden' });
    // Whatever it showed before: the bot can be switched off while the page is open.
    expect(cardFromError(waiting, notConfigured, T0)).toEqual({ kind: 'hidden' });
  });

  it('hides only for those two answers, not for other failures that share a status or a code', () => {
    expect(hidesCard(notConfigured)).toBe(true);
    expect(hidesCard(noRoute)).toBe(true);
    expect(hidesCard(new ApiError(503, 'http.503', 'the server answered 503'))).toBe(false);
    expect(hidesCard(new ApiError(404, 'vps.not_found', 'no such VPS'))).toBe(false);
    expect(hidesCard(new ApiError(500, 'telegram.not_configured', 'odd'))).toBe(false);
    expect(hidesCard(new Error('telegram.not_configured'))).toBe(false);
    expect(hidesCard(unreachable)).toBe(false);
  });

  it('says the first read failed, and keeps what it showed when a later call fails', () => {
    expect(cardFromError(loadingCard, unreachable, T0)).toEqual({ kind: 'unavailable' });
    expect(cardFromError({ kind: 'unavailable' }, unreachable, T0)).toEqual({ kind: 'unavailable' });
    const linked: TelegramCard = { kind: 'linked', username: 'ada' };
    expect(cardFromError(linked, new ApiError(403, 'http.cross_origin', 'cross-origin'), T0)).toBe(linked);
    expect(cardFromError(waiting, unreachable, T0)).toBe(waiting);
  });

  it('waits with the link, its expiry and the bot to write to', () => {
    expect(waiting).toEqual({
      kind: 'waiting',
      code: 'c0de',
      url: 'https://t.me/vibecode_local_bot?start=c0de',
      expiresAt: '2026-12-05T21:10:00Z',
      bot: 'vibecode_local_bot',
    });
  });

  it('keeps waiting while the code is unused and valid, and turns linked once the bot has seen it', () => {
    const unused = cardFromStatus(waiting, { linked: false }, T0 + 9 * 60_000);
    expect(unused).toBe(waiting);
    expect(cardFromStatus(unused, { linked: true, username: 'ada' }, T0 + 9 * 60_000)).toEqual({
      kind: 'linked',
      username: 'ada',
    });
  });

  it('goes back to Connect, saying so, once the code expired unused (the poll ends there)', () => {
    expect(cardFromStatus(waiting, { linked: false }, T0 + 10 * 60_000)).toEqual({ kind: 'unlinked', expired: true });
    expect(cardFromError(waiting, unreachable, T0 + 11 * 60_000)).toEqual({ kind: 'unlinked', expired: true });
    // Linked in the last second still counts: the server decided, not the page's clock.
    expect(cardFromStatus(waiting, { linked: true }, T0 + 11 * 60_000)).toEqual({ kind: 'linked', username: null });
  });

  it('treats an unreadable expiry as expired rather than waiting forever', () => {
    const odd = cardFromLink({ ...link, expires_at: 'soon' });
    expect(cardFromStatus(odd, { linked: false }, T0)).toEqual({ kind: 'unlinked', expired: true });
  });

  it('shows Connect again after Disconnect answered', () => {
    expect(cardFromStatus({ kind: 'linked', username: 'ada' }, { linked: false }, T0)).toEqual({
      kind: 'unlinked',
      expired: false,
    });
  });

  it('offers only an https link, and names the bot only from a t.me one', () => {
    expect(cardFromLink({ ...link, url: 'javascript:alert(1)' })).toMatchObject({ url: null, bot: null });
    expect(cardFromLink({ ...link, url: 'http://t.me/vibecode_local_bot?start=c0de' })).toMatchObject({
      url: null,
      bot: null,
    });
    expect(cardFromLink({ ...link, url: 'not a url' })).toMatchObject({ url: null, bot: null });
    expect(cardFromLink({ ...link, url: 'https://example.com/vibecode_local_bot?start=c0de' })).toMatchObject({
      url: 'https://example.com/vibecode_local_bot?start=c0de',
      bot: null,
    });
    expect(cardFromLink({ ...link, url: 'https://t.me/a/b?start=c0de' })).toMatchObject({ bot: null });
  });

  it('says who is connected, with or without a Telegram username', () => {
    expect(connectedText('ada')).toBe('Connected as @ada.');
    expect(connectedText(null)).toBe('Connected to your Telegram account.');
  });
});
