import { createServer } from 'node:net';

/**
 * A free loopback port for a server that insists on being told one (WeTTY, VibeTunnel print the port they were
 * given, not the one port 0 picked). The small window before the server binds it is the same one test/e2e/system.ts
 * accepts for wrangler.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
