/**
 * The cron's work (wrangler.toml `[triggers]`), for the Worker entry's `scheduled` handler: the lifecycle sweep
 * (idle > 24 h, offline > 5 min, notified through the notifier the entry builds), the email for sessions whose question
 * waited too long (`attention/waiting-emails.ts`), the power sweep (power-ons past their deadline, droplets' power read
 * from the cloud), the opt-in power-off of unattended servers (`vps/auto-power-off.ts`) and the auth-row purge. Each
 * runs in `waitUntil` and logs its outcome as one JSON line; the e2e harness reads the lifecycle sweep's.
 */

import { createLogger, type Logger } from '@vibecode/schemas/log';
import { runWaitingEmails } from './attention/waiting-emails.ts';
import { purgeExpiredAuthRows } from './auth/purge.ts';
import { parseAttentionEmailAfter, parseConfig } from './config/config.ts';
import type { RawConfig } from './config/setting-values.ts';
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
  const now = controller.scheduledTime;
  /** One job in `waitUntil`, logged under its own component as one line: what it did, or why it failed. */
  const job = <T>(
    component: string,
    what: string,
    work: (log: Logger) => Promise<T>,
    outcome: (result: T) => Record<string, unknown>,
  ) => {
    const log = createLogger({ component, cron: controller.cron });
    ctx.waitUntil(
      Promise.resolve()
        .then(() => work(log))
        .then(
          (result) => log.info(`${what} done`, outcome(result)),
          (error) => log.error(`${what} failed`, { error: String(error) }),
        ),
    );
    return log;
  };
  const sweepLog = job(
    'lifecycle-sweep',
    'lifecycle sweep',
    (log) => runLifecycleSweep(openDb(env.DB), notifierFor(log), now, log),
    (sent) => ({ sent }),
  );
  job(
    'waiting-emails',
    'waiting emails',
    (log) => {
      const afterMs = parseAttentionEmailAfter(env as unknown as RawConfig);
      return runWaitingEmails(openDb(env.DB), notifierFor(log), now, afterMs, log);
    },
    (sent) => ({ sent }),
  );
  job(
    'power-sweep',
    'power sweep',
    (log) => runPowerSweep(env, now, log, () => notifierFor(log)),
    (result) => ({ ...result }),
  );
  job(
    'auto-power-off',
    'auto power off',
    (log) =>
      runAutoPowerOff(openDb(env.DB), parseConfig(env as unknown as RawConfig), now, {
        presence: (gatewayId) => hubStub(env, gatewayId).viewerPresence(),
        notifier: () => notifierFor(log),
        log,
      }),
    (poweredOff) => ({ powered_off: poweredOff }),
  );
  ctx.waitUntil(
    purgeExpiredAuthRows(openDb(env.DB), now).catch((error) =>
      sweepLog.error('auth purge failed', { error: String(error) }),
    ),
  );
}
