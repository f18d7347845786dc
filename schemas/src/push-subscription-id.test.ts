import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pushSubscriptionId } from './push-subscription-id.ts';

describe('pushSubscriptionId', () => {
  it("is base64url of the endpoint's SHA-256, as the schema's pattern wants it", async () => {
    const endpoint = 'https://fcm.googleapis.com/fcm/send/abc:APA91b';
    const id = await pushSubscriptionId(endpoint);
    expect(id).toBe(createHash('sha256').update(endpoint).digest('base64url'));
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
