import { describe, expect, it } from 'vitest';
import { isTelegramPath } from './routes.ts';

describe('isTelegramPath', () => {
  it('takes the webhook side, the link API and the Mini App sign-in', () => {
    for (const path of [
      '/telegram/webhook',
      '/telegram/anything',
      '/api/telegram',
      '/api/telegram/link',
      '/api/miniapp/auth',
    ]) {
      expect(isTelegramPath(path), path).toBe(true);
    }
  });

  it('leaves everything else to core and the web app, look-alikes included', () => {
    const others = ['/telegram', '/api/telegramx', '/api/telegram-link', '/api/me', '/', '/dashboard/telegram/'];
    for (const path of [...others, '/miniapp', '/miniapp/auth', '/api/miniapp', '/api/miniappx/auth']) {
      expect(isTelegramPath(path), path).toBe(false);
    }
  });
});
