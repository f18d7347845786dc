import { message, type ProtocolMessage } from '@vibecode/schemas';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReplyRouter } from './reply-router.ts';

const keys = (ref: string) => message('ssh.keys', { keys: [], ref });
const byRef = (ref: string) => (msg: ProtocolMessage) => 'ref' in msg && msg.ref === ref;

describe('ReplyRouter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers a reply to the inbox that matches, whether it arrives before or after next()', async () => {
    const router = new ReplyRouter(4);
    const a = router.open(byRef('a'));
    const b = router.open(byRef('b'));
    expect(router.offer(keys('b'))).toBe(true);
    const pending = a.next(1000);
    expect(router.offer(keys('a'))).toBe(true);
    await expect(pending).resolves.toEqual(keys('a'));
    await expect(b.next(1000)).resolves.toEqual(keys('b'));
    expect(router.offer(keys('c'))).toBe(false);
  });

  it('times out with gateway.timeout', async () => {
    const inbox = new ReplyRouter(1).open(byRef('a'));
    const pending = inbox.next(500);
    vi.advanceTimersByTime(500);
    await expect(pending).rejects.toMatchObject({ code: 'gateway.timeout' });
  });

  it('fails every waiting call when the gateway goes away', async () => {
    const router = new ReplyRouter(4);
    const { HubError } = await import('./hub-error.ts');
    const pending = router.open(byRef('a')).next(1000);
    router.failAll(new HubError('gateway.offline', 'gone'));
    await expect(pending).rejects.toMatchObject({ code: 'gateway.offline' });
  });

  it('refuses more open inboxes than its bound', () => {
    const router = new ReplyRouter(1);
    router.open(byRef('a'));
    expect(() => router.open(byRef('b'))).toThrow(expect.objectContaining({ code: 'gateway.busy' }));
  });

  it('frees the slot when an inbox closes', () => {
    const router = new ReplyRouter(1);
    router.open(byRef('a')).close();
    expect(router.size).toBe(0);
    expect(() => router.open(byRef('b'))).not.toThrow();
  });

  it('fails an inbox that is sent more than it may queue', async () => {
    const router = new ReplyRouter(1);
    const inbox = router.open(byRef('a'), 2);
    router.offer(keys('a'));
    router.offer(keys('a'));
    router.offer(keys('a'));
    await expect(inbox.next(10)).rejects.toMatchObject({ code: 'gateway.protocol' });
  });
});
