/**
 * The channel registry: core's `Notifier`, fanning each notification out to the user's linked channels. One
 * channel failing never stops another, and never reaches core (which has nothing to do about it): it is logged
 * with the user and VPS ids.
 */
import type { AnsweredNotices, Logger, Notification, Notifier } from '@vibecode/core/ports';
import type { Channel } from './channel.ts';

export function channelRegistry(channels: readonly Channel[], log: Logger): Notifier {
  return {
    async notify(notification: Notification): Promise<void> {
      const fields = { user_id: notification.userId, vps_id: notification.vpsId, kind: notification.kind };
      await Promise.all(
        channels.map(async (channel) => {
          try {
            if (!(await channel.linked(notification.userId))) return;
            await channel.deliver(notification);
            log.info('notification delivered', { ...fields, channel: channel.name });
          } catch (error) {
            log.error('notification delivery failed', { ...fields, channel: channel.name, error: String(error) });
          }
        }),
      );
    },

    // Every channel hears it, linked or not: a user who unlinked since may still see the old message's buttons.
    async answered(answered: AnsweredNotices): Promise<void> {
      const fields = { user_id: answered.userId, vps_id: answered.vpsId, kind: answered.kind, answer: answered.answer };
      await Promise.all(
        channels.map(async (channel) => {
          try {
            await channel.answered?.(answered);
          } catch (error) {
            log.error('telling a channel a notice was answered failed', {
              ...fields,
              channel: channel.name,
              error: String(error),
            });
          }
        }),
      );
    },
  };
}
