import { createServer } from 'node:net';

/**
 * A free loopback port for a server that must be told one (wrangler, WeTTY, VibeTunnel print the port they were
 * given, not one port 0 picked); the short window before the server binds it is accepted.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
