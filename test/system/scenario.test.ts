/**
 * Issue 5's "done means": the `npm start` system (wrangler dev + localcloud + the signed gateway release, installed
 * by the droplet's own install script in a localcloud droplet), driven over HTTP and WebSocket only, like a person in a browser: sign in through the outbox, connect
 * the cloud on localcloud's consent page, create a VPS, wait for ready, open a session, run `echo`, power off
 * (offline seen on the session socket), power on (the tmux server did not survive, so the hub ends the session as
 * lost on its socket before the gateway is announced online and lists it as stopped; output flows in a new session),
 * destroy (everything gone).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerConsent } from '@vibecode/localcloud';
import { message } from '@vibecode/schemas';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Browser, poll, type SessionSocket } from './client.ts';
import { type RunningSystem, startSystem } from './start-system.ts';

type VpsJson = { id: string; name: string; status: string; region: string; size: string };
type SessionJson = { id: string; number: number; status: string };

let system: RunningSystem;
let stopped = false;

beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  // Ctrl-C for the script: it must stop cleanly (exit 0) whatever the scenario left behind.
  if (system && !stopped) expect(await system.stop()).toBe(0);
  system?.remove();
});

// The scenario is one long test whose steps wait on the system: a failure says what the system and the droplets'
// gateways logged (the gateway link, the droplets' gateways starting and exiting, the Worker reloading), which a
// step's own timeout does not show.
afterEach(({ task }) => {
  if (task.result?.state !== 'fail' || !system) return;
  // Everything but the request lines: the hub's gateway and viewer lines, localcloud's, wrangler's own.
  const events = system
    .output()
    .split('\n')
    .filter((line) => !/"msg":"request"|^\[wrangler:info\] [A-Z]+ \//.test(line))
    .slice(-80)
    .join('\n');
  const dropletsDir = join(system.cloudDataDir, 'droplets');
  const gatewayLogs = (existsSync(dropletsDir) ? readdirSync(dropletsDir) : []).map((id) => {
    const log = join(dropletsDir, id, 'gateway.log');
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-40).join('\n') : '(none)';
    return `droplet ${id} gateway.log:\n${tail}`;
  });
  console.error(`system:\n${events}\n${gatewayLogs.join('\n')}`);
});

const tmuxServerAlive = (socket: string) => spawnSync('tmux', ['-L', socket, 'list-sessions']).status === 0;

async function runEcho(socket: SessionSocket, number: number, label: string): Promise<void> {
  // The shell prints `label-42`; the typed command line shows `label-$((6*7))`, so only real output matches.
  socket.send(message('session.input', { session_id: number, data: `echo ${label}-$((6*7))\r` }));
  await socket.until(`${label} output`, () => socket.output.includes(`${label}-42`));
}

async function openShell(browser: Browser, vpsId: string, title: string): Promise<[SessionJson, SessionSocket]> {
  const { session } = await browser.json<{ session: SessionJson }>(
    'POST',
    `/api/vps/${vpsId}/sessions`,
    { title, agent_type: 'shell' },
    201,
  );
  const socket = await browser.openSession(session.id);
  socket.send(message('session.attach', { session_id: session.number }));
  return [session, socket];
}

describe('npm start, end to end', () => {
  it('signs in, connects the cloud, runs a VPS through its whole life, and cleans everything up', async () => {
    const browser = new Browser(system.origin);
    await browser.signIn(`e2e-${Date.now()}@example.com`);
    expect((await browser.json<{ user: { email: string } }>('GET', '/api/me')).user.email).toMatch(/^e2e-/);

    // Connect "DigitalOcean": our redirect → localcloud's consent page, answered like a person → our callback.
    const connect = await browser.request('GET', '/api/cloud/connect');
    expect(connect.status).toBe(302);
    const authorize = connect.headers.get('location') ?? '';
    expect(authorize.startsWith(`${system.cloudUrl}/v1/oauth/authorize?`)).toBe(true);
    const back = await answerConsent(authorize, 'approve');
    expect(`${back.origin}${back.pathname}`).toBe(`${system.origin}/api/cloud/callback`);
    const callback = await browser.request('GET', `${back.pathname}${back.search}`);
    expect(callback.status, await callback.clone().text()).toBe(303);
    // The state was single use.
    expect((await browser.request('GET', `${back.pathname}${back.search}`)).status).toBe(400);

    const { sizes } = await browser.json<{ sizes: { slug: string; price_monthly: number }[] }>(
      'GET',
      '/api/cloud/sizes',
    );
    expect(sizes.find((s) => s.slug === 's-1vcpu-1gb')?.price_monthly).toBeGreaterThan(0);
    const { regions } = await browser.json<{ regions: { slug: string }[] }>('GET', '/api/cloud/regions');
    expect(regions.map((r) => r.slug)).toContain('ams3');

    // Create → provisioning → ready (the droplet installs the signed release from its user_data and starts it).
    const created = await browser.json<{ vps: VpsJson }>(
      'POST',
      '/api/vps',
      { size: 's-1vcpu-1gb', name: 'e2e-box' },
      201,
    );
    expect(created.vps).toMatchObject({ name: 'e2e-box', region: 'ams3', status: 'provisioning' });
    const vpsId = created.vps.id;
    const vpsStatus = async () => (await browser.json<{ vps: VpsJson }>('GET', `/api/vps/${vpsId}`)).vps.status;
    await poll('VPS ready', async () => ((await vpsStatus()) === 'ready' ? true : undefined), 60_000);

    const [first, firstSocket] = await openShell(browser, vpsId, 'first');
    await runEcho(firstSocket, first.number, 'hello');

    // Power off: the hub tells the session's viewers the gateway is gone.
    const off = await browser.json<{ vps: VpsJson }>('POST', `/api/vps/${vpsId}/power`, { action: 'off' });
    expect(off.vps.status).toBe('powered_off');
    await firstSocket.until('gateway.offline', () => firstSocket.messages.some((m) => m.type === 'gateway.offline'));

    // Power on: the gateway comes back (same credential) and the VPS is ready again. Powering off stopped the
    // droplet's tmux server, so its hello lists no sessions: the hub tells the old session's viewer it is lost and
    // closes it (4003) before it announces the gateway online, so the viewer never re-attaches to nothing.
    const on = await browser.json<{ vps: VpsJson }>('POST', `/api/vps/${vpsId}/power`, { action: 'on' });
    // `ready` already when the gateway's hello beat this response.
    expect(['powering_on', 'ready']).toContain(on.vps.status);
    await firstSocket.until('closed', () => firstSocket.closeCode !== null, 60_000);
    expect(firstSocket.closeCode).toBe(4003);
    // Health reports go to every viewer at any time; the rest came in exactly this order.
    const afterOff = firstSocket.messages
      .slice(firstSocket.messages.findIndex((m) => m.type === 'gateway.offline'))
      .filter((m) => m.type !== 'gateway.health');
    expect(afterOff.map((m) => m.type)).toEqual(['gateway.offline', 'session.ended']);
    expect(afterOff[1]).toEqual(message('session.ended', { session_id: first.number, reason: 'lost' }));
    await poll('VPS ready again', async () => ((await vpsStatus()) === 'ready' ? true : undefined), 60_000);
    // Lost with its tmux server, the session stays listed as stopped, for Restart or End (issue 12).
    const listed = await browser.json<{ sessions: SessionJson[] }>('GET', `/api/vps/${vpsId}/sessions`);
    expect(listed.sessions.map(({ id, status }) => ({ id, status }))).toEqual([{ id: first.id, status: 'stopped' }]);
    const [second, secondSocket] = await openShell(browser, vpsId, 'second');
    await runEcho(secondSocket, second.number, 'again');
    secondSocket.close();

    // What destroy must remove on the "machine": its sandbox and its tmux server.
    const [dropletId] = readdirSync(join(system.cloudDataDir, 'droplets'));
    expect(dropletId).toBeDefined();
    const machine = (await (await fetch(`${system.cloudUrl}/_localcloud/droplets/${dropletId}/machine`)).json()) as {
      sandbox: string;
      tmux_socket: string;
      pid: number;
      install: string;
    };
    expect(existsSync(machine.sandbox)).toBe(true);
    // The gateway is the release the install script verified and unpacked in the sandbox, on its own Node.js.
    expect(machine.install).toBe('done');
    const [node] = readFileSync(`/proc/${machine.pid}/cmdline`, 'utf8').split('\0');
    expect(node?.startsWith(join(machine.sandbox, 'opt/vibe-gateway/releases/'))).toBe(true);
    expect(node?.endsWith('/bin/node')).toBe(true);
    expect(tmuxServerAlive(machine.tmux_socket)).toBe(true);

    const wrong = await browser.request('DELETE', `/api/vps/${vpsId}`, { confirm: 'e2e-bo' });
    expect(wrong.status).toBe(400);
    expect((await browser.request('DELETE', `/api/vps/${vpsId}`, { confirm: 'e2e-box' })).status).toBe(204);

    expect((await browser.request('GET', `/api/vps/${vpsId}`)).status).toBe(404);
    expect((await browser.request('GET', `/api/vps/${vpsId}/sessions`)).status).toBe(404);
    expect((await browser.request('GET', `/api/sessions/${second.id}/files?path=x`)).status).toBe(404);
    expect(await browser.json('GET', '/api/vps')).toEqual({ vps: [] });
    expect((await fetch(`${system.cloudUrl}/_localcloud/droplets/${dropletId}/machine`)).status).toBe(404);
    expect(existsSync(machine.sandbox)).toBe(false);
    expect(tmuxServerAlive(machine.tmux_socket)).toBe(false);

    // A server left running when the developer presses Ctrl-C: its gateway and tmux server stop with the system.
    const left = await browser.json<{ vps: VpsJson }>(
      'POST',
      '/api/vps',
      { size: 's-1vcpu-1gb', name: 'e2e-left' },
      201,
    );
    const leftStatus = async () => (await browser.json<{ vps: VpsJson }>('GET', `/api/vps/${left.vps.id}`)).vps.status;
    await poll('second VPS ready', async () => ((await leftStatus()) === 'ready' ? true : undefined), 60_000);
    const [leftDroplet] = readdirSync(join(system.cloudDataDir, 'droplets'));
    const leftMachine = (await (
      await fetch(`${system.cloudUrl}/_localcloud/droplets/${leftDroplet}/machine`)
    ).json()) as {
      sandbox: string;
      tmux_socket: string;
    };
    // The gateway starts its tmux server with the first session.
    const [, leftSocket] = await openShell(browser, left.vps.id, 'left');
    leftSocket.close();
    expect(tmuxServerAlive(leftMachine.tmux_socket)).toBe(true);

    // Disconnecting revokes the grant: the catalogue needs a connection again.
    expect((await browser.request('DELETE', '/api/cloud')).status).toBe(204);
    expect((await browser.request('GET', '/api/cloud/sizes')).status).toBe(409);

    // Nothing made `wrangler dev` re-bundle meanwhile (which drops every socket): it serves a copy of the web build,
    // not the repository's, which web's typecheck rewrites (`svelte-kit sync`) whenever it runs beside this.
    expect(system.output()).not.toContain('Reloading local server');

    stopped = true;
    expect(await system.stop()).toBe(0);
    expect(tmuxServerAlive(leftMachine.tmux_socket)).toBe(false);
    expect(existsSync(leftMachine.sandbox)).toBe(false);
    await expect(fetch(`${system.origin}/api/me`)).rejects.toThrow();
    await expect(fetch(`${system.cloudUrl}/v2/account`)).rejects.toThrow();
  });
});
