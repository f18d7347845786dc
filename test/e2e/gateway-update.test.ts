/**
 * Issue 10's gateway update from the server page, in Chromium against the whole running system: `wrangler dev`, the
 * hub, localcloud droplets that install the signed release with the real install script, and releases published by
 * this test:
 *   A. the droplet boots the base release (gateway/package.json's version); a newer one (`0.1.1-e2e.1`, built from
 *      the same sources with `ensureRelease`'s version override, signed with the droplets' key) is on offer → the
 *      Gateway panel shows the version and "Update available"; a shell started before has a marker on its screen;
 *      Update shows progress, then "Updated to v0.1.1-e2e.1"; the droplet's gateway process is now the new release's
 *      node and bundle; the shell still has its marker and still echoes (tmux survived the restart);
 *   B. a newer release that crashes on start (the good tarball with a bundle that exits 1) → the gateway installs it,
 *      the supervisor restarts into it, it never says hello, the watchdog puts the previous release back → "Rolled
 *      back to v0.1.1-e2e.1", that release runs again and the shell still echoes.
 *
 * The offered release is the manifest at GATEWAY_RELEASE_MANIFEST_URL, which this test's own file server serves:
 * "publishing" replaces that file. The control plane keeps what it read for 15 s (core/README.md "Gateway updates"),
 * so the first manifest is published before any gateway says hello (the page reads it only then), and B waits for
 * that copy to expire before the crashing release is offered on the page. The probation window is a droplet's (60 s):
 * B's release never runs long enough to write its pid file, and the watchdog rolls such a release back once no
 * gateway has run for 10 s, well before the window ends.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ensureRelease,
  type FileServer,
  type Release,
  type ReleaseManifest,
  serveFiles,
  signRelease,
  tarballName,
  writeTarball,
} from '@vibecode/gateway/release';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDigitalOcean, type E2eCloud, startCloud } from './cloud.ts';
import { signIn } from './sign-in.ts';
import { type System, startSystem } from './system.ts';
import { createShell, openSession, terminalLines, terminalStatus, typeCommand } from './terminal-page.ts';

const root = join(import.meta.dirname, '..', '..');
const BASE = (JSON.parse(readFileSync(join(root, 'gateway', 'package.json'), 'utf8')) as { version: string }).version;
const GOOD = '0.1.1-e2e.1';
const CRASHING = '0.1.2-e2e.1';
const NAME = 'upd-box';
const SESSION = 'before-update';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-gateway-update-'));
const releasesDir = join(dir, 'releases');
const slow = { timeout: 30_000, interval: 250 };
const boot = { timeout: 90_000, interval: 500 };
/** The release cache (15 s) must expire before the page offers a newly published release. */
const cacheExpiry = { timeout: 45_000, interval: 1_000 };
/** B: the cache's expiry, then the crash noticed, the rollback and the session check. */
const ROLLBACK_TEST_MS = 240_000;

let cloud: E2eCloud;
let releaseHost: FileServer;
let system: System;
let browser: Browser;
let page: Page;
let errors: string[];
let serverUrl = '';
let dropletId = '';
const manifests = new Map<string, ReleaseManifest>();

/** What the release host serves for `version`: its tarball and signature beside the manifest, as core expects. */
const releaseFiles = (version: string) => ({
  [`/${tarballName(version)}`]: join(releasesDir, tarballName(version)),
  [`/${tarballName(version)}.sig`]: join(releasesDir, `${tarballName(version)}.sig`),
});

/** The good release: the same sources as the base one under a newer version, signed with the droplets' key. */
async function buildGood(): Promise<Release> {
  const release = await ensureRelease({ outDir: join(dir, 'build-good'), version: GOOD });
  renameSync(release.tarball, join(releasesDir, release.tarballName));
  await signRelease(join(releasesDir, release.tarballName), cloud.signingKeyPem);
  manifests.set(GOOD, release.manifest);
  return release;
}

/**
 * A release that crashes on start: the good tarball unpacked, its bundle replaced by a script that exits 1, its
 * VERSION moved on, packed again the way the release builder packs, signed.
 */
async function buildCrashing(good: ReleaseManifest): Promise<void> {
  const stage = join(dir, 'build-crashing');
  mkdirSync(stage);
  execFileSync('tar', ['-xzf', join(releasesDir, tarballName(GOOD)), '-C', stage]);
  writeFileSync(join(stage, 'VERSION'), `${CRASHING}\n`);
  writeFileSync(
    join(stage, 'lib', 'vibe-gateway.mjs'),
    "console.error('e2e: this release crashes on start');\nprocess.exit(1);\n",
  );
  const tarball = join(releasesDir, tarballName(CRASHING));
  await writeTarball(stage, tarball);
  rmSync(stage, { recursive: true, force: true });
  await signRelease(tarball, cloud.signingKeyPem);
  const bytes = readFileSync(tarball);
  manifests.set(CRASHING, {
    ...good,
    version: CRASHING,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
  });
}

/** Makes `version` the current release: manifest.json is replaced in one rename, as a release host would. */
function publish(version: string): void {
  const manifest = manifests.get(version);
  if (!manifest) throw new Error(`no release ${version} was built`);
  const tmp = join(releasesDir, 'manifest.json.tmp');
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(tmp, join(releasesDir, 'manifest.json'));
}

beforeAll(async () => {
  mkdirSync(releasesDir);
  cloud = await startCloud(dir);
  // Every file is named up front; one that does not exist yet answers 404, like an unpublished release.
  releaseHost = await serveFiles({
    '/manifest.json': join(releasesDir, 'manifest.json'),
    ...releaseFiles(GOOD),
    ...releaseFiles(CRASHING),
  });
  const built = buildGood().then((good) => buildCrashing(good.manifest));
  [system, browser] = await Promise.all([
    startSystem({ ...cloud.vars, GATEWAY_RELEASE_MANIFEST_URL: `${releaseHost.url}/manifest.json` }),
    launchChromium(),
    built,
  ]);
  // Before any gateway says hello: the page reads the manifest only then, and would keep a miss for 15 s.
  publish(GOOD);
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
  errors = watchErrors(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await cloud?.close();
  await releaseHost?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const shot = (label: string) =>
  page.screenshot({ path: join(screenshotDir, `gateway-update-${label}.png`), fullPage: true });
const mainText = () => page.locator('main').textContent();
const gatewayPanel = () => page.getByRole('region', { name: 'Gateway', exact: true });
const panelText = () => gatewayPanel().textContent();
const updateButton = () => gatewayPanel().getByRole('button', { name: 'Update' });

interface MachineView {
  sandbox: string;
  running: boolean;
  pid: number | null;
}
const machine = async (): Promise<MachineView> =>
  (await fetch(`${cloud.cloud.url}/_localcloud/droplets/${dropletId}/machine`)).json() as Promise<MachineView>;
/**
 * The release the droplet's gateway process runs: the `node` and bundle of `releases/<version>` (node's own flags,
 * which the launcher puts between them, left aside), or null.
 */
async function runningRelease(): Promise<string | null> {
  const { sandbox, pid, running } = await machine();
  if (!running || pid === null) return null;
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null; // exited between the two reads
  }
  const releases = join(sandbox, 'opt/vibe-gateway/releases');
  const [node, bundle, command] = argv
    .filter((arg) => !arg.startsWith('--'))
    .map((arg) => (arg.startsWith('/') ? resolve(arg) : arg));
  const version = node?.startsWith(`${releases}/`) ? node.slice(releases.length + 1).split('/')[0] : undefined;
  if (version === undefined) return `not a release: ${argv.join(' ')}`;
  const expected = [join(releases, version, 'bin/node'), join(releases, version, 'lib/vibe-gateway.mjs'), 'run'];
  return [node, bundle, command].join(' ') === expected.join(' ') ? version : `unexpected argv: ${argv.join(' ')}`;
}
const currentLink = async () => readlinkSync(join((await machine()).sandbox, 'opt/vibe-gateway/current'));

/** Every text the Gateway panel's status line shows from now on, in order (the page re-reads the server every 2 s). */
async function recordPanelStatus(): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __gatewayStatus: string[] }).__gatewayStatus = seen;
    const panel = document.querySelector('section[aria-labelledby="gateway-title"]');
    if (!panel) throw new Error('no Gateway panel');
    const note = () => {
      const text = panel.querySelector('[role="status"]')?.textContent?.trim();
      if (text && seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(note).observe(panel, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __gatewayStatus: string[] }).__gatewayStatus);
}

/** Opens the shell session, checks it still shows `marker` and still runs commands, and goes back. */
async function sessionStillEchoes(marker: string, next: string): Promise<void> {
  await openSession(page, SESSION);
  await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
  await expect.poll(() => terminalLines(page), slow).toContain(marker);
  await typeCommand(page, `echo ${next}-$((6*7))`);
  await expect.poll(() => terminalLines(page), slow).toContain(`${next}-42`);
  await page.goto(serverUrl);
  await gatewayPanel().waitFor();
}

describe('updating the gateway from the server page', () => {
  it(`a new server runs the base release v${BASE}; v${GOOD} is on offer; a shell shows a marker`, async () => {
    await signIn(page, system.origin, 'gateway-update@example.com');
    await connectDigitalOcean(page);
    await page.getByLabel('Name (optional)').fill(NAME);
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.waitForURL('**/vps/*');
    serverUrl = page.url();
    await expect.poll(mainText, boot).toContain('Ready');
    await expect.poll(mainText, slow).toContain('Connected');
    const droplets = readdirSync(join(cloud.cloud.dataDir, 'droplets'));
    expect(droplets).toHaveLength(1);
    dropletId = droplets[0] ?? '';
    expect(await runningRelease()).toBe(BASE);

    await expect.poll(panelText, slow).toContain(`Update available: v${GOOD}`);
    expect(await panelText()).toContain(`Version v${BASE}`);
    expect(await updateButton().isEnabled()).toBe(true);
    await shot('available');

    await createShell(page, SESSION);
    await openSession(page, SESSION);
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    await typeCommand(page, 'echo marker-$((6*7))');
    await expect.poll(() => terminalLines(page), slow).toContain('marker-42');
    await page.goto(serverUrl);
    await expect.poll(panelText, slow).toContain(`Update available: v${GOOD}`);
  });

  it(`Update: progress, then "Updated to v${GOOD}"; the new release runs and the shell survived`, async () => {
    const before = (await machine()).pid;
    const statuses = await recordPanelStatus();
    const clicked = Date.now();
    await updateButton().click();
    await expect.poll(panelText, boot).toContain(`Updated to v${GOOD}`);
    const updatedMs = Date.now() - clicked;
    expect(await panelText()).toContain(`Version v${GOOD}`);
    expect(await panelText()).not.toContain('Update available');
    await shot('updated');
    const seen = await statuses();
    // The click's own answer shows at once; the stages the 2 s re-reads catch depend on the machine's speed.
    expect(seen[0]).toBe(`Starting the update to v${GOOD}…`);
    expect(seen.at(-1)).toBe(`Updated to v${GOOD}`);
    for (const text of seen.slice(1, -1)) {
      expect(text).toMatch(/^(Downloading .*MB|Verifying…|Installing…|Restarting…)$/);
    }
    console.info(
      `gateway update: click → "Updated to v${GOOD}" in ${updatedMs} ms; statuses seen: ${seen.join(' | ')}`,
    );

    // The droplet's supervisor restarted the gateway into the new release: its own node and bundle, from `current`.
    expect(await runningRelease()).toBe(GOOD);
    expect((await machine()).pid).not.toBe(before);
    expect(await currentLink()).toBe(`releases/${GOOD}`);

    await sessionStillEchoes('marker-42', 'after-update');
  });

  it(
    `a release that crashes on start is rolled back: "Rolled back to v${GOOD}", which runs again`,
    async () => {
      publish(CRASHING);
      const published = Date.now();
      // The control plane still offers what it read at the last update for up to 15 s; then the new release shows.
      await expect
        .poll(async () => {
          await page.reload();
          await gatewayPanel().waitFor();
          return panelText();
        }, cacheExpiry)
        .toContain(`Update available: v${CRASHING}`);
      console.info(`release cache: v${CRASHING} offered on the page ${Date.now() - published} ms after publishing`);
      expect(await panelText()).toContain(`Updated to v${GOOD}`);
      const statuses = await recordPanelStatus();
      const clicked = Date.now();
      await updateButton().click();
      await expect.poll(panelText, { timeout: 90_000, interval: 500 }).toContain(`Rolled back to v${GOOD}`);
      const rolledBackMs = Date.now() - clicked;
      expect(await panelText()).toContain(`Version v${GOOD}`);
      await shot('rolled-back');
      const seen = await statuses();
      expect(seen[0]).toBe(`Starting the update to v${CRASHING}…`);
      // Rolled back for crashing, not at the end of the 60 s window.
      expect(seen.at(-1)).toBe(
        `Rolled back to v${GOOD}: ${CRASHING} did not stay running (no gateway process for 10 s)`,
      );
      console.info(`gateway rollback: click → "Rolled back" in ${rolledBackMs} ms; statuses seen: ${seen.join(' | ')}`);

      // The crashing release did get started (and crashed); the previous release is back and kept.
      const { sandbox } = await machine();
      expect(readFileSync(join(sandbox, 'gateway.log'), 'utf8')).toContain('e2e: this release crashes on start');
      await expect.poll(runningRelease, slow).toBe(GOOD);
      expect(await currentLink()).toBe(`releases/${GOOD}`);

      await sessionStillEchoes('after-update-42', 'after-rollback');
      // Only our pages count: the consent page belongs to the cloud (localcloud standing in for DigitalOcean).
      expect(errors.filter((e) => !e.includes(cloud.cloud.url))).toEqual([]);
    },
    ROLLBACK_TEST_MS,
  );
});
