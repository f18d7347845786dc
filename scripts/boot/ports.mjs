import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * Below Linux's default ephemeral range (32768–60999): the kernel hands those out to every port-0 bind and outgoing
 * connection, so a port picked there and released is soon handed to someone else — once to another copy of the
 * system running beside a test run, and the run's requests reached that copy's Worker.
 */
const FIRST = 20_000;
const LAST = 32_767;
const TRIES = 50;

/**
 * A free loopback port for a server that must be told one (wrangler, WeTTY, VibeTunnel print the port they were
 * given, not one port 0 picked): a random one outside the ephemeral range that nothing listens on now. The short
 * window before the server binds it is accepted; two copies of the system picking the same one is a 1-in-12,768 chance
 * per port instead of the kernel's next free one.
 * @returns {Promise<number>}
 */
export async function freePort() {
  for (let i = 0; i < TRIES; i++) {
    const port = randomInt(FIRST, LAST + 1);
    if (await isFree(port)) return port;
  }
  throw new Error(`no free loopback port in ${FIRST}-${LAST} after ${TRIES} tries`);
}

/** @param {number} port */
function isFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
