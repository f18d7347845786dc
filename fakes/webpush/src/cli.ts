/**
 * The stand-in on the command line: reads its configuration from the environment once, starts, prints its base URL
 * as the first stdout line, and stops on SIGINT/SIGTERM.
 *   VIBE_WEBPUSH_PORT   default 8793
 */
import { startFakePushService } from './server.ts';

const DEFAULT_PORT = 8793;

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = env.VIBE_WEBPUSH_PORT ? Number(env.VIBE_WEBPUSH_PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('fake-webpush: VIBE_WEBPUSH_PORT must be a port number');
    process.exit(2);
  }
  let push: Awaited<ReturnType<typeof startFakePushService>>;
  try {
    push = await startFakePushService({ port });
  } catch (err) {
    console.error(`fake-webpush: ${String(err instanceof Error ? err.message : err)}`);
    process.exit(2);
  }
  console.log(push.url);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    push.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
