import type { Notification, NotificationKind } from '@vibecode/core/ports';
import { describe, expect, it } from 'vitest';
import { renderNotification } from './render.ts';

const notification = (kind: NotificationKind): Notification => ({
  id: 'n1',
  kind,
  userId: 'u1',
  vpsId: 'vps 1',
  vpsName: 'my-box',
  since: Date.parse('2026-11-24T10:00:00.000Z'),
  actions: [],
});

describe('renderNotification', () => {
  it('names the server and links to its page, escaped, under the app origin', () => {
    for (const kind of ['vps.idle', 'vps.offline', 'vps.provisioning_timeout', 'vps.auto_powered_off'] as const) {
      const rendered = renderNotification(notification(kind), 'https://app.example');
      expect(rendered.link).toBe('https://app.example/vps/vps%201');
      expect(rendered.subject).toContain('my-box');
      expect(rendered.text).toContain(rendered.link);
    }
  });

  it('says since when an idle or offline server has been so', () => {
    expect(renderNotification(notification('vps.idle'), '').text).toContain('since 2026-11-24T10:00:00.000Z');
    expect(renderNotification(notification('vps.offline'), '').text).toContain('since 2026-11-24T10:00:00.000Z');
  });

  it('says why a server was powered off by its own rule, since when, and what that does to the bill', () => {
    const { subject, text } = renderNotification(notification('vps.auto_powered_off'), '');
    expect(subject).toBe('my-box was powered off');
    expect(text).toMatch(
      /^Nothing needed my-box since 2026-11-24T10:00:00\.000Z: no agent working, nobody watching, no terminal activity\./,
    );
    expect(text).toContain('Storage and reserved IP continue to be billed.');
  });

  it('gives a timed-out server no fixed duration (the timeout is configurable)', () => {
    const { subject, text } = renderNotification(notification('vps.provisioning_timeout'), '');
    expect(subject).toBe('my-box did not come up');
    expect(text).toMatch(/^my-box was created, but its gateway never reported in\. Retry/);
    expect(text).not.toMatch(/minutes/);
  });

  it('names a waiting session, its question and a link to the session itself', () => {
    const waiting: Notification = {
      ...notification('session.waiting'),
      sessions: [{ id: 's 1', title: 'refactor', detail: 'Do you want to proceed?' }],
    };
    const { subject, text, link } = renderNotification(waiting, 'https://app.example');
    expect(subject).toBe('refactor on my-box is waiting for you');
    expect(link).toBe('https://app.example/vps/vps%201/sessions/s%201');
    expect(text).toContain('Do you want to proceed?');
    expect(text).toContain('Since 2026-11-24T10:00:00.000Z');
    expect(text).toContain(link);
  });

  it('lists the sessions of one server that came due together in one message, each with its link', () => {
    const waiting: Notification = {
      ...notification('session.waiting'),
      sessions: [
        { id: 's1', title: 'api', detail: 'Do you want to proceed?' },
        { id: 's2', title: 'web', detail: 'Allow execution of: rm?' },
      ],
    };
    const { subject, text, link } = renderNotification(waiting, 'https://app.example');
    expect(subject).toBe('2 sessions on my-box are waiting for you');
    expect(link).toBe('https://app.example/vps/vps%201');
    expect(text).toContain('api: Do you want to proceed?\nhttps://app.example/vps/vps%201/sessions/s1');
    expect(text).toContain('web: Allow execution of: rm?\nhttps://app.example/vps/vps%201/sessions/s2');
  });
});
