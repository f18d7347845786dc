#!/usr/bin/env node
/**
 * `npm start`: the whole system on this machine, in one command (after `npm ci`).
 *   1. checks the system packages it needs (tmux: localcloud's "droplets" run the gateway on their own tmux server);
 *   2. builds the web app when its build is missing or older than its sources;
 *   3. writes `.dev.vars` once with generated local secrets (git-ignored; never committed), the release signing key
 *      among them;
 *   4. applies the D1 migrations to the local database;
 *   5. builds the gateway release when it is missing or stale, signs it and serves it on 127.0.0.1 (below);
 *   6. starts localcloud (the DigitalOcean stand-in) and `wrangler dev`, both on 127.0.0.1, the Worker's cloud
 *      settings pointing at localcloud and the release, waits until both answer, and prints the URL and how to sign in;
 *   7. on Ctrl-C / SIGTERM stops wrangler and localcloud, which stops every gateway it booted and their tmux servers.
 *
 * The droplets install the gateway the way a real one does: `npm start` builds the release when it is missing or
 * stale (`ensureRelease`, dist/gateway/), signs it with .dev.vars' GATEWAY_SIGNING_KEY and serves it on
 * 127.0.0.1:VIBE_RELEASE_PORT; the Worker gets that URL as GATEWAY_ARTIFACT_URL and the key's public half, so each
 * droplet's user_data runs the install script, which downloads, verifies and unpacks the release in the droplet's
 * sandbox, and localcloud starts the unpacked gateway — never this checkout's.
 *
 * Environment (all optional; the system test uses them to run on free ports with its own state):
 *   VIBE_PORT (8787), VIBE_INSPECTOR_PORT (9329), VIBE_CLOUD_PORT (8790), VIBE_STATE_DIR (wrangler's
 *   --persist-to, default .wrangler/state), VIBE_CLOUD_DATA_DIR (default .localcloud), VIBE_SKIP_BUILD=1,
 *   VIBE_RELEASE_PORT (8792), GATEWAY_SIGNING_KEY (instead of .dev.vars' key: the system test signs with its own).
 */
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveLocalRelease } from '@vibecode/gateway/release';
import { ensureSystemPackages } from './system-packages.mjs';

const root = join(import.meta.dirname, '..');
const wranglerBin = join(root, 'node_modules', '.bin', 'wrangler');
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const port = Number(process.env.VIBE_PORT ?? 8787);
const inspectorPort = Number(process.env.VIBE_INSPECTOR_PORT ?? 9329);
const cloudPort = Number(process.env.VIBE_CLOUD_PORT ?? 8790);
const stateDir = process.env.VIBE_STATE_DIR;
const cloudDataDir = process.env.VIBE_CLOUD_DATA_DIR ?? join(root, '.localcloud');
/** The local droplets' shared VIBE_WORKSPACE_ROOT (a real droplet's is /home/vibe/workspace). */
const workspaceRoot = join(cloudDataDir, 'workspace');
/** The OAuth client the Worker and localcloud share; the secret is generated into .dev.vars. */
const CLIENT_ID = 'vibecode-local';
const STARTUP_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

const say = (line) => console.log(`[start] ${line}`);
function fail(message) {
  console.error(`[start] ${message}`);
  process.exit(1);
}

// 1. System packages.
if (!ensureSystemPackages('start', say)) process.exit(1);

// 2. The web app, served by the one Worker.
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
const webBuilt = join(root, 'web', 'build', 'worker.js');
if (process.env.VIBE_SKIP_BUILD !== '1') {
  if (!existsSync(webBuilt) || statSync(webBuilt).mtimeMs < newestMtime(join(root, 'web', 'src'))) {
    say('building the web app (npm run build -w web)…');
    const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, env, stdio: 'inherit' });
    if (build.status !== 0) fail('the web build failed');
  }
}
if (!existsSync(webBuilt)) fail('web/build is missing: run `npm run build -w web`');

// 3. Local secrets, generated once.
const devVarsPath = join(root, '.dev.vars');
function readDevVars() {
  if (!existsSync(devVarsPath)) return new Map();
  const vars = new Map();
  for (const line of readFileSync(devVarsPath, 'utf8').split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) vars.set(m[1], m[2].replace(/^"(.*)"$/, '$1'));
  }
  return vars;
}
const devVars = readDevVars();
const generated = {
  TOKEN_ENCRYPTION_KEY: () => randomBytes(32).toString('base64'),
  DO_CLIENT_SECRET: () => randomBytes(24).toString('base64url'),
  // The local release's signing key (EC P-256, PEM on one line); its public half is derived at each start.
  GATEWAY_SIGNING_KEY: () =>
    String(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }))
      .trim()
      .replaceAll('\n', '\\n'),
};
const added = Object.keys(generated).filter((name) => !devVars.has(name));
// Older runs kept only the release key's public half, which no local release could be verified with; it is derived
// from GATEWAY_SIGNING_KEY now, and a stale copy in .dev.vars would contradict the one passed to wrangler.
const dropped = devVars.has('GATEWAY_SIGNING_PUBLIC_KEY') ? ['GATEWAY_SIGNING_PUBLIC_KEY'] : [];
if (added.length > 0 || dropped.length > 0) {
  const lines = added.map((name) => {
    const value = generated[name]();
    devVars.set(name, value);
    return `${name}="${value}"`;
  });
  const before = existsSync(devVarsPath)
    ? readFileSync(devVarsPath, 'utf8')
        .split('\n')
        .filter((line) => !dropped.some((name) => line.trim().startsWith(`${name}=`)))
        .join('\n')
    : '# Local secrets written by `npm start` (git-ignored).\n';
  writeFileSync(devVarsPath, `${before.replace(/\n*$/, '\n')}${lines.map((line) => `${line}\n`).join('')}`, {
    mode: 0o600,
  });
  for (const name of dropped) devVars.delete(name);
  say(
    `.dev.vars: ${[...added.map((n) => `wrote ${n}`), ...dropped.map((n) => `removed ${n} (now derived)`)].join(', ')}`,
  );
}
const signingKey = process.env.GATEWAY_SIGNING_KEY || devVars.get('GATEWAY_SIGNING_KEY');

// 4. Migrations.
const persist = stateDir ? ['--persist-to', stateDir] : [];
say('applying D1 migrations…');
const migrate = spawnSync(wranglerBin, ['d1', 'migrations', 'apply', 'DB', '--local', ...persist], {
  cwd: root,
  env: { ...env, CI: 'true' },
  encoding: 'utf8',
});
if (migrate.status !== 0) fail(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

// 5. The gateway release the droplets install, signed with the local key and served on 127.0.0.1.
const releasePort = Number(process.env.VIBE_RELEASE_PORT ?? 8792);
say('gateway release: building it if it is missing or stale…');
const release = await serveLocalRelease({
  privateKeyPem: signingKey,
  // Per data dir, not beside the shared tarball: a parallel run (the system test) signs with its own key.
  signatureDir: join(cloudDataDir, 'release'),
  port: releasePort,
}).catch((error) => fail(`the gateway release could not be built or served: ${error.message}`));
say(
  `gateway release ${release.release.manifest.version} (${release.release.built ? 'built' : 'unchanged'}) served at ${release.artifactUrl}`,
);

// 6. localcloud + wrangler dev.
const children = [];
let stopping = false;

function start(name, command, args, extraEnv) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let tail = '';
  const keep = (chunk) => {
    tail = (tail + chunk).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.stdout.pipe(process.stdout);
  child.stderr.pipe(process.stderr);
  const entry = { name, child, tail: () => tail };
  children.push(entry);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} exited (${signal ?? code}); stopping everything\n${tail}`);
    stop(1);
  });
  return entry;
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  // wrangler first (no new gateway traffic), then localcloud, which stops the gateways and their tmux servers.
  for (const { name, child } of [...children].reverse()) {
    if (exited(child)) continue;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    // wrangler's whole process group (workerd is its child); localcloud itself, so it can clean up its sandboxes.
    try {
      if (name === 'wrangler') process.kill(-child.pid, 'SIGTERM');
      else child.kill('SIGTERM');
    } catch {
      continue;
    }
    const timer = setTimeout(() => {
      say(`${name} did not stop in ${STOP_TIMEOUT_MS / 1000} s: killing it`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, STOP_TIMEOUT_MS);
    await gone;
    clearTimeout(timer);
  }
  await release.close();
  say('stopped');
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const callbackUris = [`http://127.0.0.1:${port}/api/cloud/callback`, `http://localhost:${port}/api/cloud/callback`];
const cloud = start('localcloud', process.execPath, [join(root, 'localcloud', 'bin', 'localcloud.js')], {
  LOCALCLOUD_CLIENT_ID: CLIENT_ID,
  LOCALCLOUD_CLIENT_SECRET: devVars.get('DO_CLIENT_SECRET'),
  LOCALCLOUD_PORT: String(cloudPort),
  LOCALCLOUD_HOST: '127.0.0.1',
  LOCALCLOUD_DATA_DIR: cloudDataDir,
  LOCALCLOUD_REDIRECT_URIS: callbackUris.join(','),
  LOCALCLOUD_WORKSPACE_ROOT: workspaceRoot,
});
const cloudUrl = `http://127.0.0.1:${cloudPort}`;

const wrangler = start(
  'wrangler',
  wranglerBin,
  [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--show-interactive-dev-session=false',
    ...persist,
    // wrangler.toml's top level is production-safe: local mode, the outbox and http URLs are opted into here.
    '--var',
    'APP_ENV:local',
    '--var',
    'EMAIL_MODE:outbox',
    '--var',
    `DO_API_BASE_URL:${cloudUrl}`,
    '--var',
    `DO_OAUTH_BASE_URL:${cloudUrl}`,
    '--var',
    `DO_CLIENT_ID:${CLIENT_ID}`,
    // Session workdirs are named under this root; localcloud gives its droplets' gateways the same one.
    '--var',
    `VPS_WORKSPACE_ROOT:${workspaceRoot}`,
    // The release served above (http: allowed in local mode only); droplets verify it with this key.
    '--var',
    `GATEWAY_ARTIFACT_URL:${release.artifactUrl}`,
    '--var',
    `GATEWAY_SIGNING_PUBLIC_KEY:${release.publicKeyPem.trim().replaceAll('\n', '\\n')}`,
  ],
  {},
);

const ANSI_COLOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const withoutColors = (text) => text.replace(ANSI_COLOR, '');

async function answers(url, expected) {
  try {
    const res = await fetch(url);
    return res.status === expected;
  } catch {
    return false;
  }
}

const deadline = Date.now() + STARTUP_TIMEOUT_MS;
const appUrl = `http://127.0.0.1:${port}`;
for (;;) {
  if (stopping) break;
  // Unauthenticated on purpose: both answer 401 once they serve requests.
  const [cloudUp, appUp] = await Promise.all([
    answers(`${cloudUrl}/v2/account`, 401),
    answers(`${appUrl}/api/me`, 401),
  ]);
  if (cloudUp && appUp) break;
  // wrangler dev keeps running (watching) after a failed build: don't wait out the timeout for it.
  if (withoutColors(wrangler.tail()).includes('[ERROR]')) {
    console.error('[start] wrangler dev reported an error before it was ready (see above)');
    await stop(1);
  }
  if (Date.now() > deadline) {
    console.error(`[start] not ready in ${STARTUP_TIMEOUT_MS / 1000} s\n${cloud.tail()}\n${wrangler.tail()}`);
    await stop(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}

if (!stopping) {
  console.log(`
VibeCode is running at ${appUrl}
  Sign in: open ${appUrl}, enter any email address; the sign-in link is shown on the "check your email" page
           (local mail goes to the dev outbox: ${appUrl}/api/dev/outbox).
  Cloud:   "Connect DigitalOcean" goes to localcloud (${cloudUrl}), a local stand-in; approve on its consent page.
           Its "droplets" install the signed gateway release (${release.artifactUrl}) with the
           same install script a real droplet runs, each in its own sandbox in ${cloudDataDir}/droplets
           (install log: var/log/vibe-install.log), and run it there on their own tmux server.
  Stop:    Ctrl-C (stops wrangler, localcloud, every gateway and their tmux servers).
`);
}
