#!/usr/bin/env node
/**
 * `npm start`: the whole system on this machine, in one command (after `npm ci`).
 *   1. checks the system packages it needs (tmux: localcloud's "droplets" run the gateway on their own tmux server);
 *   2. builds the web app when its build is missing or older than its sources;
 *   3. writes `.dev.vars` once with generated local secrets (git-ignored; never committed), the release signing key
 *      among them;
 *   4. applies the D1 migrations to the local database;
 *   5. builds the gateway release when it is missing or stale, signs it and serves it on 127.0.0.1 (below);
 *   6. starts localcloud (the DigitalOcean stand-in), the Telegram Bot API stand-in (fakes/telegram), the Web Push
 *      service stand-in (fakes/webpush) and `wrangler dev`, all on 127.0.0.1, the Worker's cloud settings pointing at
 *      localcloud and the release, its bot at the Telegram stand-in and its pushes at browsers' push services and the
 *      Web Push stand-in, waits until all answer, registers the bot's webhook with the stand-in (as a deployment does
 *      once with telegram/bin/set-webhook.mjs), and prints the URLs and how to sign in;
 *   7. on Ctrl-C / SIGTERM stops wrangler, the stand-ins and localcloud, which stops every gateway it booted
 *      and their tmux servers.
 * The booting itself is scripts/boot/, shared with the test systems.
 *
 * The droplets install the gateway the way a real one does: `npm start` builds the release when it is missing or
 * stale (`ensureRelease`, dist/gateway/), signs it with .dev.vars' GATEWAY_SIGNING_KEY and serves it on
 * 127.0.0.1:VIBE_RELEASE_PORT; the Worker gets that URL as GATEWAY_ARTIFACT_URL and the key's public half, so each
 * droplet's user_data runs the install script, which downloads, verifies and unpacks the release in the droplet's
 * sandbox, and localcloud starts the unpacked gateway — never this checkout's.
 *
 * Environment (all optional; the system test uses them to run on free ports with its own state):
 *   VIBE_PORT (8787), VIBE_INSPECTOR_PORT (9329), VIBE_CLOUD_PORT (8790), VIBE_STATE_DIR (wrangler's
 *   --persist-to, default .wrangler/state), VIBE_CLOUD_DATA_DIR (default .localcloud), VIBE_TELEGRAM_PORT (8791),
 *   VIBE_TELEGRAM_DATA_DIR (the stand-in's files, default .fake-telegram), VIBE_WEBPUSH_PORT (8793), VIBE_SKIP_BUILD=1,
 *   VIBE_RELEASE_PORT (8792), GATEWAY_SIGNING_KEY (instead of .dev.vars' key: the system test signs with its own),
 *   VIBE_TEST_BUILD=1 (for tests only: serve web/build/e2e/, the test build with the Terminal's test hook, which
 *   full-flow.test.ts reads the terminal through; without it `npm start` never serves that build).
 */
import { join } from 'node:path';
import { serveLocalRelease } from '@vibecode/gateway/release';
import {
  applyMigrations,
  buildWeb,
  cloudVars,
  pushVars,
  registerLocalWebhook,
  root,
  startLocalcloudProcess,
  startTelegramStandIn,
  startWebPushStandIn,
  startWorker,
  telegramVars,
  waitUntilServing,
  webBuildNeeded,
  writeBuildConfig,
} from './boot/index.mjs';
import { ensureDevVars, secretsOf } from './dev-vars.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

const port = Number(process.env.VIBE_PORT ?? 8787);
const inspectorPort = Number(process.env.VIBE_INSPECTOR_PORT ?? 9329);
const cloudPort = Number(process.env.VIBE_CLOUD_PORT ?? 8790);
const releasePort = Number(process.env.VIBE_RELEASE_PORT ?? 8792);
const telegramPort = Number(process.env.VIBE_TELEGRAM_PORT ?? 8791);
const webPushPort = Number(process.env.VIBE_WEBPUSH_PORT ?? 8793);
const telegramDataDir = process.env.VIBE_TELEGRAM_DATA_DIR ?? join(root, '.fake-telegram');
const persistTo = process.env.VIBE_STATE_DIR ?? join(root, '.wrangler', 'state');
const cloudDataDir = process.env.VIBE_CLOUD_DATA_DIR ?? join(root, '.localcloud');
/** The local droplets' shared VIBE_WORKSPACE_ROOT (a real droplet's is /home/vibe/workspace). */
const workspaceRoot = join(cloudDataDir, 'workspace');
/** The OAuth client the Worker and localcloud share; the secret is generated into .dev.vars. */
const CLIENT_ID = 'vibecode-local';
const STARTUP_TIMEOUT_MS = 90_000;

const say = (line) => console.log(`[start] ${line}`);
function fail(message) {
  console.error(`[start] ${message}`);
  process.exit(1);
}

// 1. System packages.
if (!ensureSystemPackages('start', say)) process.exit(1);

// 2. The web app, served by the one Worker: the production build (web/build/) unless a test asks for the test build.
const testHook = process.env.VIBE_TEST_BUILD === '1';
const buildScript = testHook ? 'build:test' : 'build';
if (process.env.VIBE_SKIP_BUILD !== '1' && webBuildNeeded({ testHook, byAge: true })) {
  say(`building the web app (npm run ${buildScript} -w web)…`);
  try {
    buildWeb({ testHook, output: 'inherit' });
  } catch {
    fail('the web build failed');
  }
}
if (webBuildNeeded({ testHook, byAge: false })) fail(`the web build is missing: run \`npm run ${buildScript} -w web\``);
// wrangler dev serves a copy of the build, taken now, with a config generated beside it in the state dir (where
// wrangler reads no .dev.vars: the Worker's secrets go as vars, below): a `svelte-kit sync` or a build in the
// repository meanwhile (web's typecheck, another system's build) would otherwise make it re-bundle and drop every
// socket.
const buildConfig = writeBuildConfig(persistTo, { testHook });

// 3. Local secrets, generated once.
const devVars = ensureDevVars(join(root, '.dev.vars'), say);
const signingKey = process.env.GATEWAY_SIGNING_KEY || devVars.get('GATEWAY_SIGNING_KEY');

// 4. Migrations.
say('applying D1 migrations…');
try {
  applyMigrations({ persistTo });
} catch (error) {
  fail(`migrations failed:\n${error.message}`);
}

// 5. The gateway release the droplets install, signed with the local key and served on 127.0.0.1.
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
let stopping = false;
// Aborted by `stop`, which waits the Worker's start out, so no `wrangler dev` outlives an early Ctrl-C.
const startup = new AbortController();
/** @type {Promise<void> | undefined} */
let starting;
/** @type {{ name: string, child: import('./boot/child.mjs').Child }[]} */
const running = [];
const echo = (chunk, stream) => process[stream].write(chunk);

async function stop(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  startup.abort();
  await starting?.catch(() => {});
  // wrangler first (no new gateway traffic), then localcloud, which stops the gateways and their tmux servers.
  for (const { name, child } of [...running].reverse()) await child.stop(name === 'localcloud' ? 'leader' : 'group');
  await release.close();
  say('stopped');
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function watch(name, child) {
  running.push({ name, child });
  child.process.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} exited (${signal ?? code}); stopping everything\n${child.tail()}`);
    stop(1);
  });
}

const cloudUrl = `http://127.0.0.1:${cloudPort}`;
const appUrl = `http://127.0.0.1:${port}`;
const cloud = startLocalcloudProcess({
  port: cloudPort,
  clientId: CLIENT_ID,
  clientSecret: devVars.get('DO_CLIENT_SECRET') ?? '',
  dataDir: cloudDataDir,
  workspaceRoot,
  redirectUris: [`${appUrl}/api/cloud/callback`, `http://localhost:${port}/api/cloud/callback`],
  onOutput: echo,
});
watch('localcloud', cloud);

const telegramUrl = `http://127.0.0.1:${telegramPort}`;
const bot = {
  apiRoot: telegramUrl,
  token: devVars.get('TELEGRAM_BOT_TOKEN') ?? '',
  secret: devVars.get('TELEGRAM_WEBHOOK_SECRET') ?? '',
};
const telegram = startTelegramStandIn({
  port: telegramPort,
  token: bot.token,
  dataDir: telegramDataDir,
  onOutput: echo,
});
watch('telegram stand-in', telegram);

const webPushUrl = `http://127.0.0.1:${webPushPort}`;
const webPush = startWebPushStandIn({ port: webPushPort, onOutput: echo });
watch('web push stand-in', webPush);

starting = startWorker({
  port,
  inspectorPort,
  persistTo,
  config: buildConfig,
  timeoutMs: STARTUP_TIMEOUT_MS,
  signal: startup.signal,
  onOutput: echo,
  vars: {
    APP_ENV: 'local',
    EMAIL_MODE: 'outbox',
    ...cloudVars({ cloudUrl, clientId: CLIENT_ID, workspaceRoot, release }),
    ...telegramVars(bot),
    ...pushVars({ serviceUrl: webPushUrl, privateKey: devVars.get('VAPID_PRIVATE_KEY') ?? '' }),
    // The Mini App: its buttons open pages under the app's own origin, and its page loads the stand-in's copy of
    // telegram-web-app.js, as a Telegram client would load telegram.org's.
    PUBLIC_URL: appUrl,
    TELEGRAM_WEBAPP_SCRIPT_URL: `${telegramUrl}/js/telegram-web-app.js`,
    ...secretsOf(devVars),
  },
}).then((worker) => watch('wrangler', worker.child));
try {
  await Promise.all([
    starting,
    // Unauthenticated on purpose: localcloud answers 401 once it serves requests.
    waitUntilServing(cloud, { url: `${cloudUrl}/v2/account`, status: 401, timeoutMs: STARTUP_TIMEOUT_MS }),
    // Its control path answers a GET of the messages it took: serving.
    waitUntilServing(webPush, { url: `${webPushUrl}/_fake/messages`, status: 200, timeoutMs: STARTUP_TIMEOUT_MS }),
    waitUntilServing(telegram, {
      url: `${telegramUrl}/bot${bot.token}/getMe`,
      status: 200,
      timeoutMs: STARTUP_TIMEOUT_MS,
    }),
  ]);
  if (!stopping) await registerLocalWebhook({ ...bot, appUrl });
} catch (error) {
  if (!stopping) {
    console.error(`[start] not ready: ${error.message}`);
    await stop(1);
  }
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
  Telegram: the bot talks to a local stand-in of the Bot API. Open its chat page, ${telegramUrl}, to play the
           Telegram user: "Connect Telegram" on the dashboard gives a code; send /start <code> there.
  Push:    "Notify me" on the dashboard subscribes the browser at its own push service; a local stand-in of one
           (${webPushUrl}) takes pushes for subscriptions made through its /_fake/subscriptions (tests).
  Stop:    Ctrl-C (stops wrangler, the stand-ins, localcloud, every gateway and their tmux servers).
`);
}
