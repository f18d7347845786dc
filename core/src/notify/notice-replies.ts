/**
 * What a chat may answer a notice with (`NoticeControl`, published in `@vibecode/core/ports`; core implements it in
 * `notice-control.ts`): nothing of core's runtime, so a channel compiles without it.
 */
import type { NoticeAction } from '@vibecode/schemas';
import type { ControlResult } from '../sessions/session-control.ts';
import type { NoticeAnswer } from './notification.ts';

/** The actions a chat can take on a notice itself; `open_vps` and `open_console` are links to the web app. */
export type NoticeReply = Extract<NoticeAction, 'power_off' | 'keep_running' | 'retry'>;

export const NOTICE_REPLIES: readonly NoticeReply[] = ['power_off', 'keep_running', 'retry'];

export interface NoticeControl {
  /**
   * Does `action` about the user's notice `noticeId`, as the web would, and answers how it was answered. Errors:
   * `notification.not_found` (unknown, or someone else's), `notification.answered` (answered already, here or
   * elsewhere), `notification.action_invalid` (not one the notice offers), `notification.no_public_url` (Retry
   * outside a request needs PUBLIC_URL: the new gateway's way home), and those of the action's own path
   * (`vps.invalid_state`, `cloud.not_connected`, …).
   */
  answer(userId: string, noticeId: string, action: NoticeReply): Promise<ControlResult<NoticeAnswer>>;
}
