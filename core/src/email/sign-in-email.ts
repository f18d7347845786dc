/** The sign-in mail: a plain-text message with the confirm-page link, carrying where sign-in began (`next`). */
import { MAGIC_LINK_TTL_MS } from '../auth/magic-link.ts';
import type { EmailMessage } from './email-sender.ts';

export function signInEmail(to: string, origin: string, token: string, next: string | null = null): EmailMessage {
  const back = next === null ? '' : `&next=${encodeURIComponent(next)}`;
  const link = `${origin}/auth/verify?token=${encodeURIComponent(token)}${back}`;
  const minutes = MAGIC_LINK_TTL_MS / 60_000;
  return {
    to,
    subject: 'Sign in to VibeCode',
    text: [
      'Open this link to sign in to VibeCode:',
      '',
      link,
      '',
      `The link works once and expires in ${minutes} minutes. If you did not ask for it, ignore this mail.`,
    ].join('\n'),
    link,
  };
}
