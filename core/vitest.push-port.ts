/**
 * The push-service stand-in's port for a worker-test run, chosen before the pool starts so the bindings can name it
 * (PUSH_SERVICE_ORIGINS); `vitest.push-service.ts` listens on it. Apart from that setup because the config file is
 * loaded by plain Node, which cannot import the stand-in's TypeScript.
 */
import { freePort } from '../scripts/boot/ports.mjs';

/** The config and this setup run in the same process: the port travels in its env. */
const PORT_VAR = 'VIBE_CORE_TEST_PUSH_PORT';

export async function reservePushPort(): Promise<number> {
  const known = Number(process.env[PORT_VAR]);
  if (known > 0) return known;
  const port = await freePort();
  process.env[PORT_VAR] = String(port);
  return port;
}
