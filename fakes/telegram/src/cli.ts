/**
 * The stand-in on the command line: reads its configuration from the environment once, starts, prints its base URL
 * as the first stdout line, and stops on SIGINT/SIGTERM.
 *   TELEGRAM_BOT_TOKEN       the bot token it accepts (required)
 *   VIBE_TELEGRAM_PORT       default 8791
 *   VIBE_TELEGRAM_DATA_DIR   where uploaded files go (default: a temporary folder removed on exit)
 *   TELEGRAM_BOT_USERNAME    default vibecode_local_bot (the same variable the Worker reads)
 */
import { startFakeTelegram } from './server.ts';

const DEFAULT_PORT = 8791;

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const token = env.TELEGRAM_BOT_TOKEN;
  if (!token) {
    console.error('fake-telegram: set TELEGRAM_BOT_TOKEN');
    process.exit(2);
  }
  const port = env.VIBE_TELEGRAM_PORT ? Number(env.VIBE_TELEGRAM_PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('fake-telegram: VIBE_TELEGRAM_PORT must be a port number');
    process.exit(2);
  }
  let fake: Awaited<ReturnType<typeof startFakeTelegram>>;
  try {
    fake = await startFakeTelegram({
      token,
      port,
      dataDir: env.VIBE_TELEGRAM_DATA_DIR || undefined,
      username: env.TELEGRAM_BOT_USERNAME || undefined,
    });
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(2);
  }
  console.log(fake.url);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
