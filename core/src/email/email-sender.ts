/** How core sends mail. Today only sign-in links, so every message names its link for the dev outbox. */

export type EmailMessage = { to: string; subject: string; text: string; link: string };

export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** Sending failed; the message says how without echoing the API key or the link. */
export class EmailSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailSendError';
  }
}
