/** Picks the sender named by the configuration (`EMAIL_MODE`). */

import type { Logger } from '@vibecode/schemas/log';
import type { EmailConfig } from '../config/config.ts';
import type { EmailSender } from './email-sender.ts';
import { createHttpSender } from './http-sender.ts';
import { createOutboxSender, type OutboxStore } from './outbox-sender.ts';

export function createEmailSender(config: EmailConfig, deps: { kv: OutboxStore; log: Logger }): EmailSender {
  return config.mode === 'outbox' ? createOutboxSender(deps.kv, deps.log) : createHttpSender(config);
}
