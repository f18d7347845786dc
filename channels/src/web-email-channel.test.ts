import type { EmailSender, Notification, NotificationStore } from '@vibecode/core/ports';
import { describe, expect, it } from 'vitest';
import { webEmailChannel } from './web-email-channel.ts';

const idle: Notification = {
  id: 'n1',
  kind: 'vps.idle',
  userId: 'u1',
  vpsId: 'v1',
  vpsName: 'my-box',
  since: Date.parse('2026-11-24T10:00:00.000Z'),
  actions: ['power_off', 'keep_running'],
};

/** Core's ports as plain records: the channel needs nothing of core's runtime. */
function ports(addresses: string[]) {
  const kept: { notification: Notification; title: string }[] = [];
  const sent: Parameters<EmailSender['send']>[0][] = [];
  const store: NotificationStore = {
    keep: async (notification, title) => void kept.push({ notification, title }),
    emailsOf: async (userId) => (userId === 'u1' ? addresses : []),
  };
  const email: EmailSender = { send: async (message) => void sent.push(message) };
  return { store, email, kept, sent };
}

describe('webEmailChannel', () => {
  it('keeps the notice under its rendered title and mails every sign-in address the link', async () => {
    const { store, email, kept, sent } = ports(['a@example.com', 'b@example.com']);
    await webEmailChannel({ store, email, appUrl: 'https://app.example' }).deliver(idle);
    expect(kept).toEqual([{ notification: idle, title: 'my-box has been idle for 24 hours' }]);
    expect(sent.map((m) => [m.to, m.subject, m.link])).toEqual([
      ['a@example.com', 'my-box has been idle for 24 hours', 'https://app.example/vps/v1'],
      ['b@example.com', 'my-box has been idle for 24 hours', 'https://app.example/vps/v1'],
    ]);
  });

  it('keeps the notice before mailing, so a failed email still leaves the banner', async () => {
    const { store, kept } = ports(['a@example.com']);
    const failing: EmailSender = {
      send: async () => {
        throw new Error('mail down');
      },
    };
    await expect(webEmailChannel({ store, email: failing, appUrl: null }).deliver(idle)).rejects.toThrow('mail down');
    expect(kept).toHaveLength(1);
  });

  it('only mails a waiting session: the dashboard lists its question already', async () => {
    const { store, email, kept, sent } = ports(['a@example.com']);
    const waiting: Notification = {
      ...idle,
      kind: 'session.waiting',
      actions: [],
      sessions: [{ id: 's1', title: 'refactor', detail: 'Continue? [Y/n]' }],
    };
    await webEmailChannel({ store, email, appUrl: 'https://app.example' }).deliver(waiting);
    expect(kept).toEqual([]);
    expect(sent.map((m) => [m.to, m.subject, m.link])).toEqual([
      ['a@example.com', 'refactor on my-box is waiting for you', 'https://app.example/vps/v1/sessions/s1'],
    ]);
  });
});
