import { describe, expect, it } from 'vitest';
import { attentionNotification, sessionPath } from './attention-notification.ts';
import type { AttentionItem } from './generated/api-types.ts';

const item = (session_id: string, state: AttentionItem['state'], detail: string): AttentionItem => ({
  session_id,
  vps_id: 'v1',
  state,
  detail,
  since: '2026-12-06T03:00:00.000Z',
});
const title = (i: AttentionItem) => `title-${i.session_id}`;

describe('attentionNotification', () => {
  it('opens the session page, its ids encoded', () => {
    expect(sessionPath({ vps_id: 'v 1', session_id: 's/1' })).toBe('/vps/v%201/sessions/s%2F1');
  });

  it('is nothing for no items', () => {
    expect(attentionNotification([], title)).toBeNull();
  });

  it('names one item and opens its session', () => {
    expect(attentionNotification([item('s1', 'needs_input', 'Continue? [Y/n]')], title)).toEqual({
      title: 'title-s1 needs you',
      body: 'Continue? [Y/n]',
      path: '/vps/v1/sessions/s1',
    });
    expect(attentionNotification([item('s1', 'limited', 'Limit reached')], title)?.title).toBe(
      'title-s1 hit a usage limit',
    );
    expect(attentionNotification([item('s1', 'done', 'Done')], title)?.title).toBe('title-s1 finished');
  });

  it('coalesces items that came together into one that opens the dashboard, naming a few', () => {
    const two = [item('s1', 'needs_input', 'q'), item('s2', 'done', 'd')];
    expect(attentionNotification(two, title)).toEqual({
      title: '2 sessions need you',
      body: 'title-s1, title-s2',
      path: '/dashboard',
    });
    const five = ['s1', 's2', 's3', 's4', 's5'].map((id) => item(id, 'done', 'd'));
    expect(attentionNotification(five, title)).toEqual({
      title: '5 sessions need you',
      body: 'title-s1, title-s2, title-s3 and 2 more',
      path: '/dashboard',
    });
  });
});
