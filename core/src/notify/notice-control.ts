/**
 * Core's `NoticeControl` for the channels: a chat's buttons under a notice do what the web banner's do, by the same
 * paths: Power off is `POST /api/vps/:id/power` off (`ServerControl.power`), Keep running is the banner's dismiss,
 * Retry is `POST /api/vps/:id/retry`. Each of them dismisses the notice in core's store and tells every channel
 * (`Notifier.answered`), so the banner and every chat stop asking. Errors are values a chat answers with.
 */
import type { NoticeAction, NoticePayload } from '@vibecode/schemas';
import { and, eq } from 'drizzle-orm';
import { cloudOfUser } from '../cloud/user-cloud.ts';
import type { Config } from '../config/config.ts';
import { asControlResult } from '../control-result.ts';
import type { Db } from '../db/client.ts';
import { notifications } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { findOwnedVps } from '../ownership.ts';
import { retryOwnedVps } from '../vps/retry-vps.ts';
import type { ServerControl } from '../vps/server-control.ts';
import { type AnswerListeners, dismissNotice } from './answered-notices.ts';
import { NOTICE_REPLIES, type NoticeControl } from './notice-replies.ts';
import type { NoticeAnswer } from './notification.ts';

/** The actions the notice offered, from what the web channel stored with it (`d1NotificationStore`). */
function offered(payloadJson: string): NoticeAction[] {
  try {
    const payload = JSON.parse(payloadJson) as Partial<NoticePayload> | null;
    return Array.isArray(payload?.actions) ? payload.actions : [];
  } catch {
    return [];
  }
}

export function channelNoticeControl(
  env: Env,
  db: Db,
  config: Config,
  servers: ServerControl,
  answers: AnswerListeners,
): NoticeControl {
  const cloudOf = cloudOfUser(db, config, answers.log);
  return {
    answer: (userId, noticeId, action) =>
      asControlResult(async (): Promise<NoticeAnswer> => {
        if (!NOTICE_REPLIES.includes(action)) {
          throw new ApiError(400, 'notification.action_invalid', 'that is not something a notice can be answered with');
        }
        const [notice] = await db
          .select()
          .from(notifications)
          .where(and(eq(notifications.id, noticeId), eq(notifications.userId, userId)))
          .limit(1);
        if (notice === undefined) throw new ApiError(404, 'notification.not_found', 'no such notification');
        if (notice.dismissedAt !== null) {
          throw new ApiError(409, 'notification.answered', 'This notice was answered already.');
        }
        if (!offered(notice.payloadJson).includes(action) || notice.vpsId === null) {
          throw new ApiError(400, 'notification.action_invalid', 'this notice does not offer that action');
        }
        const { vpsId } = notice;
        switch (action) {
          case 'keep_running':
            await dismissNotice(db, answers, userId, noticeId, Date.now());
            return 'kept_running';
          case 'power_off': {
            const powered = await servers.power(userId, vpsId, 'off');
            if (!powered.ok) throw new ApiError(409, powered.error.code, powered.error.message);
            return 'powered_off';
          }
          case 'retry': {
            const { publicUrl } = config;
            if (publicUrl === null) {
              throw new ApiError(
                409,
                'notification.no_public_url',
                'Retry this on the web: this server has no public URL for the new gateway to call home to.',
              );
            }
            const row = await findOwnedVps(db, userId, vpsId);
            await retryOwnedVps(row, {
              env,
              launch: async () => {
                const { cloud, cloudConfig } = await cloudOf(userId);
                return { cloud, config: cloudConfig, cpUrl: publicUrl };
              },
              answers,
            });
            return 'retried';
          }
        }
      }),
  };
}
