import { describe, expect, it } from 'vitest';
import { isTelegramPath } from './routes.ts';

describe('isTelegramPath', () => {
  it('takes the webhook side and the link API', () => {
    for (const path of ['/telegram/webhook', '/telegram/anything', '/api/telegram', '/api/telegram/link']) {
      expect(isTelegramPath(path), path).toBe(true);
    }
  });

  it('leaves everything else to core and the web app, look-alikes included', () => {
    for (const path of ['/telegram', '/api/telegramx', '/api/telegram-link', '/api/me', '/', '/dashboard/telegram/']) {
      expect(isTelegramPath(path), path).toBe(false);
    }
  });
});
