/**
 * The cron's work (wrangler.toml `[triggers]`), for the Worker entry's `scheduled` handler: the lifecycle sweep
 * (idle > 24 h, offline > 5 min, notified through the notifier the entry builds), the email for sessions whose question
 * waited too long (`attention/waiting-emails.ts`), the power sweep (power-ons past their deadline, droplets' power read
 * from the cloud), the opt-in power-off of unattended servers (`vps/auto-power-off.ts`) and the auth-row purge. Each runs in `waitUntil` and logs its
 * outcome as one JSON line; the e2e harness reads the lifecycle sweep's.
 */

import { createLogger, type Logger } from '@vibecode/schemas/log';
import { runWaitingEmails } from './attention/waiting-emails.ts';
import { purgeExpiredAuthRows } from './auth/purge.ts';
import { parseAttentionEmailAfter, parseConfig, type RawConfig } from './config/config.ts';
import { openDb } from './db/client.ts';
import { hubStub } from './hub/hub-client.ts';
import type { Notifier } from './notify/notification.ts';
import { runLifecycleSweep } from './notify/run-sweep.ts';
import { runAutoPowerOff } from './vps/auto-power-off.ts';
import { runPowerSweep } from './vps/power-sweep.ts';

export function runCron(
  controller: ScheduledController,
  env: Env,
  ctx: ExecutionContext,
  notifierFor: (log: Logger) => Notifier,
): void {
  const log = createLogger({ component: 'lifecycle-sweep', cron: controller.cron });
  ctx.waitUntil(
    Promise.resolve()
      .then(() => runLifecycleSweep(openDb(env.DB), notifierFor(log), controller.scheduledTime, log))
      .then(
        (sent) => log.info('lifecycle sweep done', { sent }),
        (error) => log.error('lifecycle sweep failed', { error: String(error) }),
      ),
  );
  const waitLog = createLogger({ component: 'waiting-emails', cron: controller.cron });
  ctx.waitUntil(
    Promise.resolve()
      .then(() => {
        const afterMs = parseAttentionEmailAfter(env as unknown as RawConfig);
        return runWaitingEmails(openDb(env.DB), notifierFor(waitLog), controller.scheduledTime, afterMs, waitLog);
      })
      .then(
        (sent) => waitLog.info('waiting emails done', { sent }),
        (error) => waitLog.error('waiting emails failed', { error: String(error) }),
      ),
  );
  const powerLog = createLogger({ component: 'power-sweep', cron: controller.cron });
  ctx.waitUntil(
    runPowerSweep(env, controller.scheduledTime, powerLog, () => notifierFor(powerLog)).then(
      (result) => powerLog.info('power sweep done', { ...result }),
      (error) => powerLog.error('power sweep failed', { error: String(error) }),
    ),
  );
  const offLog = createLogger({ component: 'auto-power-off', cron: controller.cron });
  ctx.waitUntil(
    Promise.resolve()
      .then(() =>
        runAutoPowerOff(openDb(env.DB), parseConfig(env as unknown as RawConfig), controller.scheduledTime, {
          presence: (gatewayId) => hubStub(env, gatewayId).viewerPresence(),
          notifier: () => notifierFor(offLog),
          log: offLog,
        }),
      )
      .then(
        (poweredOff) => offLog.info('auto power off done', { powered_off: poweredOff }),
        (error) => offLog.error('auto power off failed', { error: String(error) }),
      ),
  );
  ctx.waitUntil(
    purgeExpiredAuthRows(openDb(env.DB), controller.scheduledTime).catch((error) =>
      log.error('auth purge failed', { error: String(error) }),
    ),
  );
}
