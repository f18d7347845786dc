/** The RFC 8030 request headers of a push: `TTL` (required, §5.2), `Urgency` (§5.3) and `Topic` (§5.4). */
import type { IncomingHttpHeaders } from 'node:http';
import { badRequest } from './errors.ts';

export const URGENCIES = ['very-low', 'low', 'normal', 'high'] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface PushHeaders {
  ttl: number;
  urgency: Urgency;
  topic: string | null;
}

const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

export function readPushHeaders(headers: IncomingHttpHeaders): PushHeaders {
  const ttlText = single(headers.ttl)?.trim();
  if (ttlText === undefined || ttlText === '') throw badRequest('TTL header is required');
  if (!/^\d{1,10}$/.test(ttlText)) throw badRequest('TTL must be a non-negative integer of seconds');

  const urgencyText = single(headers.urgency)?.trim();
  if (urgencyText !== undefined && !(URGENCIES as readonly string[]).includes(urgencyText)) {
    throw badRequest(`Urgency must be one of ${URGENCIES.join(', ')}`);
  }
  const topic = single(headers.topic)?.trim();
  if (topic !== undefined && !TOPIC.test(topic)) {
    throw badRequest('Topic must be 1 to 32 characters of the base64url alphabet');
  }
  return { ttl: Number(ttlText), urgency: (urgencyText as Urgency | undefined) ?? 'normal', topic: topic ?? null };
}
