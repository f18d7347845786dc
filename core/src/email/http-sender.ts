/**
 * The production sender, speaking Resend's API (https://resend.com/docs/api-reference/emails/send-email):
 * `POST {EMAIL_API_URL}/emails` with `Authorization: Bearer {EMAIL_API_KEY}` and a JSON body
 * `{from, to: [address], subject, text}`; any 2xx is success. One attempt with a 10 s timeout: a sign-in mail
 * that fails is logged and the user asks for another link (no retry queue to bound).
 */
import type { EmailMessage, EmailSender } from './email-sender.ts';
import { EmailSendError } from './email-sender.ts';

export const EMAIL_SEND_TIMEOUT_MS = 10_000;

export type HttpSenderConfig = { apiUrl: string; apiKey: string; from: string };

export function resendRequest(config: HttpSenderConfig, message: EmailMessage): Request {
  return new Request(new URL('emails', config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`), {
    method: 'POST',
    headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ from: config.from, to: [message.to], subject: message.subject, text: message.text }),
  });
}

export function createHttpSender(config: HttpSenderConfig, fetcher: typeof fetch = fetch): EmailSender {
  return {
    async send(message) {
      let response: Response;
      try {
        response = await fetcher(resendRequest(config, message), {
          signal: AbortSignal.timeout(EMAIL_SEND_TIMEOUT_MS),
        });
      } catch (error) {
        throw new EmailSendError(`email API unreachable: ${(error as Error).name}`);
      }
      await response.body?.cancel();
      if (!response.ok) throw new EmailSendError(`email API answered ${response.status}`);
    },
  };
}
