/**
 * A TCP hop on 127.0.0.1 that can fail like a network: every connection through it is piped to `wrangler dev`'s
 * port, `cut()` resets them all at once (both sides see ECONNRESET mid-stream, no WebSocket close), and
 * `hold()` refuses new ones until `release()`, so whoever is behind it stays away as long as a test needs.
 */
import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';

export interface LinkProxy {
  /** `http://127.0.0.1:PORT`: give this instead of the Worker's origin to whoever should go through the proxy. */
  url: string;
  /** Drops every open connection through the proxy. */
  cut(): void;
  /** Drops every open connection and refuses new ones until `release`. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startLinkProxy(targetPort: number): Promise<LinkProxy> {
  const open = new Set<Socket>();
  let held = false;
  const server = createServer((client) => {
    if (held) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(from);
      from.pipe(to);
      // Whichever side ends or fails, the other goes too: a half-open pair would hide the failure.
      from.once('close', () => {
        open.delete(from);
        to.destroy();
      });
      from.on('error', () => undefined);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const cut = () => {
    for (const socket of open) socket.resetAndDestroy();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut,
    hold: () => {
      held = true;
      cut();
    },
    release: () => {
      held = false;
    },
    close: async () => {
      cut();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
