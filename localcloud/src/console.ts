/**
 * The stand-in for DigitalOcean's droplet console page (`/droplets/:id/terminal/ui/`), which the control plane
 * links to after a provisioning timeout: the droplet's state, its sandbox and the ends of its install log (what the
 * install script did and why it stopped) and of its gateway log.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Cloud } from './cloud.ts';
import { escapeHtml, HttpError, sendHtml } from './http.ts';
import { INSTALL_LOG } from './install.ts';

/** The page shows at most this many of the newest log lines. */
export const CONSOLE_LOG_LINES = 200;
/** What a droplet created under a boot hold shows instead of a log: its gateway was never started. */
export const HELD_LOG =
  'The gateway was never started on this droplet: its boot is held (POST /_localcloud/boot-holds), as when cloud-init fails before the gateway unit runs.';

export function createConsoleHandler(cloud: Cloud) {
  return function handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const m = /^\/droplets\/([1-9][0-9]{0,15})\/terminal\/ui\/?$/.exec(url.pathname);
    if (req.method !== 'GET' || !m) return false;
    const id = Number(m[1]);
    let droplet: ReturnType<Cloud['get']>;
    try {
      droplet = cloud.get(id);
    } catch (err) {
      if (err instanceof HttpError) {
        sendHtml(res, 404, '<!doctype html><meta charset="utf-8"><title>Not found</title><p>No such droplet.</p>');
        return true;
      }
      throw err;
    }
    const machine = cloud.machine(id);
    const tail = (file: string, missing: string) => {
      const path = machine ? join(machine.sandbox, file) : undefined;
      return path && existsSync(path)
        ? readFileSync(path, 'utf8').split('\n').slice(-CONSOLE_LOG_LINES).join('\n')
        : missing;
    };
    const held = cloud.bootHeld(id);
    const installLog = held ? HELD_LOG : tail(INSTALL_LOG, '(nothing has been installed on this droplet)');
    const log = held ? HELD_LOG : tail('gateway.log', '(no gateway has been booted on this droplet)');
    sendHtml(
      res,
      200,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(droplet.name)} · console · localcloud</title></head>
<body><h1>${escapeHtml(droplet.name)}</h1>
<p>Droplet ${id} · status <strong>${escapeHtml(droplet.status)}</strong>${
        machine
          ? ` · install ${machine.installState} · gateway ${machine.running ? `running (pid ${machine.pid})` : 'stopped'} · sandbox <code>${escapeHtml(machine.sandbox)}</code> · tmux socket <code>${escapeHtml(machine.tmuxSocket)}</code>`
          : ''
      }</p>
<h2>${INSTALL_LOG}</h2><pre>${escapeHtml(installLog)}</pre>
<h2>gateway.log</h2><pre>${escapeHtml(log)}</pre></body></html>`,
    );
    return true;
  };
}
