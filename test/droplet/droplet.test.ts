/**
 * Issue 10's droplet test: the exact user_data the control plane sends DigitalOcean for a new VPS, run on a fresh
 * Debian 12 root (debootstrap minbase + cloud-init, cached outside the repository, copied for each machine) as a
 * droplet's first boot would run it — cloud-init's own modules in a chroot in private namespaces, then, in place of
 * systemd, the installed unit's ExecStart as its user with its environment. The gateway it installs must say hello
 * to the local control plane (wrangler dev + localcloud, as test/e2e starts them) and run a session that echoes.
 * Then a bad signature, a truncated download and a wrong key, each served to a fresh machine's install script, must
 * leave nothing installed and say why in /var/log/vibe-install.log. The phases' times are printed at the end.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRelease, type Release, signRelease } from '@vibecode/gateway/release';
import { answerConsent } from '@vibecode/localcloud';
import { message } from '@vibecode/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eCloud, startCloud } from '../e2e/cloud.ts';
import { type System, startSystem } from '../e2e/system.ts';
import { Browser, poll } from '../system/client.ts';
import { holdAptLocks } from './apt-locks.ts';
import { type ArtifactServer, serveArtifact } from './artifact-server.ts';
import { firstBoot, type ModuleResult, runModule, seedNoCloud, unhandledKeys } from './cloud-init.ts';
import { type CachedRoot, copyRoot, ensureDebianRoot, rootCache } from './debian-root.ts';
import { DropletError } from './errors.ts';
import { DropletNamespace } from './namespace.ts';
import { Phases } from './phases.ts';
import { parsePasswd, parseServiceUnit, serviceCommand } from './systemd-unit.ts';

const INSTALL_LOG = 'var/log/vibe-install.log';
const UNIT = 'etc/systemd/system/vibe-gateway.service';
const HELLO_TIMEOUT_MS = 90_000;

const cache = rootCache();
const phases = new Phases();
const namespaces: DropletNamespace[] = [];
let dir = '';
let cachedRoot: CachedRoot;
let release: Release;
let server: ArtifactServer;
let e2e: E2eCloud | undefined;
let system: System | undefined;
let browser: Browser;
let vpsId = '';
let userData = '';

/** A run's temp dir is named for its pid: a run killed before its cleanup leaves one that the next run removes. */
function removeDeadRunsLeftovers(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^vibe-droplet-(\d+)-/.exec(name)?.[1];
    if (pid === undefined) continue;
    try {
      process.kill(Number(pid), 0);
    } catch {
      // Its namespaces died with it (their PID 1 waited on its pipe): only files are left.
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

/** A fresh machine: a copy of the cached root, the user_data seeded, its namespace up. */
async function freshMachine(name: string): Promise<{ root: string; ns: DropletNamespace }> {
  const root = join(dir, name);
  await phases.time(`copy the root (${name})`, () => copyRoot(cachedRoot.dir, root));
  seedNoCloud(root, userData, `droplet-test-${name}`, name);
  const ns = await DropletNamespace.start(root, cache.aptArchives);
  namespaces.push(ns);
  return { root, ns };
}

function readInRoot(root: string, path: string): string | undefined {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

function moduleReport(results: ModuleResult[], root: string): string {
  const lines = results.map((r) => `${r.module}: exit ${r.code} in ${r.ms} ms`);
  const failed = results.find((r) => r.code !== 0);
  const log = readInRoot(root, INSTALL_LOG) ?? '(no install log)';
  return [...lines, failed ? `--- ${failed.module} output:\n${failed.output.slice(-4000)}` : '', log].join('\n');
}

/** Why the machines could not be set up: each test fails with it (a failing beforeAll would only skip them). */
let setupError: unknown;

beforeAll(async () => {
  setupError = await setUp().then(
    () => undefined,
    (error: unknown) => error,
  );
});

async function setUp(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new DropletError(
      'droplet.not_root',
      'the droplet test must run as root: it builds a Debian root with debootstrap and boots it with chroot in ' +
        'its own mount and PID namespaces (run `npm test` / `npm run test:droplet` as root, as CI does)',
    );
  }
  removeDeadRunsLeftovers();
  dir = mkdtempSync(join(tmpdir(), `vibe-droplet-${process.pid}-`));
  cachedRoot = await phases.time('Debian root (build or reuse)', () => ensureDebianRoot(cache, console.log));

  release = await phases.time('gateway release (build or reuse)', () => ensureRelease());
  const trusted = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const untrusted = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privatePem = trusted.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const signature = await signRelease(release.tarball, privatePem, join(dir, 'release.sig'));
  server = await serveArtifact({
    tarball: release.tarball,
    tarballName: release.tarballName,
    signature: readFileSync(signature),
    wrongKeySignature: sign('sha256', readFileSync(release.tarball), untrusted.privateKey),
  });

  await phases.time('control plane and localcloud start', async () => {
    e2e = await startCloud(dir);
    // e2e's vars point the Worker at localcloud. The release comes from this test's server instead (which can
    // break it on purpose), and the workspace root is a real droplet's default, not the shared one of local droplets.
    const { VPS_WORKSPACE_ROOT: _local, ...vars } = e2e.vars;
    const publicPem = trusted.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim();
    system = await startSystem({
      ...vars,
      GATEWAY_ARTIFACT_URL: server.artifactUrl,
      GATEWAY_SIGNING_PUBLIC_KEY: publicPem.replaceAll('\n', '\\n'),
    });
  });
  if (!system || !e2e) throw new Error('the control plane did not start');
  browser = new Browser(system.origin);
  await browser.signIn(`droplet-${Date.now()}@example.com`);
  const connect = await browser.request('GET', '/api/cloud/connect');
  const back = await answerConsent(connect.headers.get('location') ?? '', 'approve');
  expect((await browser.request('GET', `${back.pathname}${back.search}`)).status).toBe(303);

  // localcloud must not boot this droplet itself: the Debian root is the machine.
  const held = await fetch(`${e2e.cloud.url}/_localcloud/boot-holds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: 1 }),
  });
  expect(held.status).toBe(201);
  const created = await browser.json<{ vps: { id: string } }>(
    'POST',
    '/api/vps',
    { size: 's-1vcpu-1gb', name: 'droplet-test' },
    201,
  );
  vpsId = created.vps.id;
  const recorded = (await (await fetch(`${e2e.cloud.url}/_localcloud/requests`)).json()) as {
    requests: { method: string; path: string; body: { user_data?: string } | null }[];
  };
  const create = recorded.requests.filter((r) => r.method === 'POST' && r.path === '/v2/droplets').at(-1);
  userData = create?.body?.user_data ?? '';
  expect(userData.startsWith('#cloud-config\n'), 'the control plane sent a #cloud-config user_data').toBe(true);
}

afterAll(async () => {
  const steps = [
    ...namespaces.map((ns) => () => ns.stop()),
    async () => server?.close(),
    async () => system?.stop(),
    async () => e2e?.close(),
  ];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      console.error('droplet test cleanup:', error);
    }
  }
  // Only once every namespace is gone: nothing is mounted inside the roots any more.
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (cachedRoot) {
    const cold = cachedRoot.built ? 'cold: the Debian root was built' : 'cached: the Debian root was reused';
    console.log(phases.table(`droplet test phases (${cold}; cache ${cache.dir})`));
  }
});

describe('a droplet', () => {
  it("installs the release from the control plane's user_data, says hello and runs a session", async () => {
    if (setupError) throw setupError;
    expect(unhandledKeys(userData), 'user_data keys the droplet test does not run').toEqual([]);
    const { root, ns } = await freshMachine('good');
    server.mode = 'good';
    // As on a real first boot, another apt run holds apt's locks when the install starts: it must wait, not fail.
    const locks = await holdAptLocks(root);
    const boot = phases.time('cloud-init + install (good)', () => firstBoot(ns));
    let booted = false;
    boot.then(
      () => {
        booted = true;
      },
      () => {
        booted = true;
      },
    );
    const waiting = 'apt-get update failed (another apt may hold its lock';
    await poll('the install waiting for apt', async () =>
      booted || readInRoot(root, INSTALL_LOG)?.includes(waiting) ? true : undefined,
    );
    await locks.release();
    const results = await boot;
    expect(readInRoot(root, INSTALL_LOG), 'the install waited for the apt lock').toContain(waiting);
    expect(
      results.every((r) => r.code === 0),
      moduleReport(results, root),
    ).toBe(true);

    const current = join(root, 'opt/vibe-gateway/current');
    expect(readlinkSync(current)).toBe(`releases/${release.manifest.version}`);
    expect(readFileSync(join(current, 'VERSION'), 'utf8')).toBe(`${release.manifest.version}\n`);
    expect(readInRoot(root, INSTALL_LOG)).toContain(`install done: gateway ${release.manifest.version}`);

    // In place of `systemctl enable --now`: the installed unit's ExecStart, as its user, with its environment.
    const unitText = readInRoot(root, UNIT);
    expect(unitText, `${UNIT} installed`).toBeDefined();
    const passwd = parsePasswd(readInRoot(root, 'etc/passwd') ?? '');
    const command = serviceCommand(parseServiceUnit(unitText ?? ''), passwd, (path) => readInRoot(root, path));
    const gatewayLog = join(dir, 'gateway.log');
    await phases.time('gateway start → hello (VPS ready)', async () => {
      const gateway = ns.start(command.argv, command.env, gatewayLog);
      await poll(
        'VPS ready',
        async () => {
          if (gateway.exitCode !== null) {
            throw new Error(
              `the gateway exited ${gateway.exitCode}:\n${readFileSync(gatewayLog, 'utf8').slice(-4000)}`,
            );
          }
          const { vps } = await browser.json<{ vps: { status: string } }>('GET', `/api/vps/${vpsId}`);
          return vps.status === 'ready' ? true : undefined;
        },
        HELLO_TIMEOUT_MS,
      );
    });
    // The hello came from this machine's gateway, running as the unit's user: it saved its credential there.
    const credential = statSync(join(root, command.env.VIBE_STATE_DIR ?? '/nowhere', 'credential.json'));
    expect(credential.uid).toBe(passwd.find((p) => p.name === 'vibe')?.uid);

    await phases.time('session echoes', async () => {
      const { session } = await browser.json<{ session: { id: string; number: number } }>(
        'POST',
        `/api/vps/${vpsId}/sessions`,
        { title: 'droplet', agent_type: 'shell' },
        201,
      );
      const socket = await browser.openSession(session.id);
      socket.send(message('session.attach', { session_id: session.number }));
      // The shell prints `droplet-42`; the echoed command line shows `droplet-$((6*7))`, so only output matches.
      socket.send(message('session.input', { session_id: session.number, data: 'echo droplet-$((6*7))\r' }));
      await socket.until('the marker echoed', () => socket.output.includes('droplet-42'));
      socket.close();
    });
    // Done with this machine: its gateway and tmux server go with its namespace.
    await ns.stop();
  });

  it('installs nothing from a bad signature, a truncated download or a wrong key, and logs why', async () => {
    if (setupError) throw setupError;
    const { root, ns } = await freshMachine('refused');
    const cases = [
      { mode: 'bad-signature', reason: /FAILED: .*signature/ },
      { mode: 'truncated', reason: /FAILED: .*download/ },
      { mode: 'wrong-key', reason: /FAILED: .*signature/ },
    ] as const;
    for (const [i, { mode, reason }] of cases.entries()) {
      server.mode = mode;
      const logBefore = readInRoot(root, INSTALL_LOG)?.length ?? 0;
      const tempBefore = tempEntries(root);
      // The first case is the machine's whole first boot; the next ones run the install (runcmd) again.
      const results = await phases.time(`cloud-init + install (${mode})`, async () =>
        i === 0 ? firstBoot(ns) : [await runModule(ns, 'scripts_user')],
      );
      const report = moduleReport(results, root);
      expect(results.at(-1)?.module, report).toBe('scripts_user');
      expect(
        results.slice(0, -1).every((r) => r.code === 0),
        report,
      ).toBe(true);
      expect(results.at(-1)?.code, `${mode}: the install must fail\n${report}`).not.toBe(0);

      expect(installed(root), `${mode}: nothing installed`).toEqual({ current: false, releases: [], unit: false });
      expect(tempEntries(root), `${mode}: no temporary files left`).toEqual(tempBefore);
      expect((readInRoot(root, INSTALL_LOG) ?? '').slice(logBefore)).toMatch(reason);
    }
    // curl tried the truncated download again before giving up.
    const tarballPath = `/${release.tarballName}`;
    expect(server.requests.filter((p) => p === tarballPath).length).toBeGreaterThan(3);
  });
});

function installed(root: string): { current: boolean; releases: string[]; unit: boolean } {
  const base = join(root, 'opt/vibe-gateway');
  let current = false;
  try {
    lstatSync(join(base, 'current'));
    current = true;
  } catch {
    // Not there: as it must be.
  }
  const releases = existsSync(join(base, 'releases')) ? readdirSync(join(base, 'releases')) : [];
  return { current, releases, unit: existsSync(join(root, UNIT)) };
}

/** What the temp folders hold, to see that a failed install removed its own files (its work dir is checked above). */
function tempEntries(root: string): string[] {
  return ['tmp', 'var/tmp'].flatMap((folder) =>
    existsSync(join(root, folder)) ? readdirSync(join(root, folder)).map((name) => `${folder}/${name}`) : [],
  );
}
