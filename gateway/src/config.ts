/**
 * The gateway's settings: every one is a flag and an environment variable (the flag wins). Read and validated
 * once at start, then passed down; nothing else reads `process.env`.
 */
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { GatewayError } from './errors.ts';
import { localZone } from './local-zone.ts';

export interface Config {
  /** Control plane base URL, e.g. https://chatcode.dev */
  cpUrl: string;
  /** `{cpUrl}/ws/gateway` with http→ws, https→wss. */
  wsUrl: string;
  /** `{cpUrl}/api/gateways/register`. */
  registerUrl: string;
  bootstrapToken: string | undefined;
  credential: string | undefined;
  gatewayId: string | undefined;
  stateDir: string;
  workspaceRoot: string;
  tmuxSocket: string;
  authorizedKeys: string;
  healthIntervalMs: number;
  heartbeatIntervalMs: number;
  fileTimeoutMs: number;
  agentsDir: string;
  /** The machine's time zone (IANA), for an agent's usage-limit reset time printed without one. */
  localZone: string;
  update: UpdateSettings;
}

/** What self-update needs (the daemon's `gateway.update` and the `update` command read the same settings). */
export interface UpdateSettings {
  /** Holds `releases/<version>` and the `current` symlink; undefined (the checkout) refuses updates. */
  releaseRoot: string | undefined;
  /** The PEM public key releases are signed with; undefined refuses updates. */
  publicKeyPath: string | undefined;
  /** A new release not welcomed by the hub within this is rolled back. */
  confirmMs: number;
  /** The update state file and the gateway's pid file live here. */
  stateDir: string;
}

interface Setting {
  flag: string;
  env: string;
  default?: string;
}

const HOME = '/home/vibe';

/** The settings, their flags, env vars and droplet defaults. The README's table is this list. */
export const settings = {
  cpUrl: { flag: 'cp-url', env: 'VIBE_CP_URL' },
  bootstrapToken: { flag: 'bootstrap-token', env: 'VIBE_BOOTSTRAP_TOKEN' },
  credential: { flag: 'gateway-credential', env: 'VIBE_GATEWAY_CREDENTIAL' },
  gatewayId: { flag: 'gateway-id', env: 'VIBE_GATEWAY_ID' },
  stateDir: { flag: 'state-dir', env: 'VIBE_STATE_DIR', default: join(HOME, '.vibe-gateway') },
  workspaceRoot: { flag: 'workspace-root', env: 'VIBE_WORKSPACE_ROOT', default: join(HOME, 'workspace') },
  tmuxSocket: { flag: 'tmux-socket', env: 'VIBE_TMUX_SOCKET', default: 'vibe' },
  authorizedKeys: {
    flag: 'authorized-keys',
    env: 'VIBE_AUTHORIZED_KEYS',
    default: join(HOME, '.ssh', 'authorized_keys'),
  },
  healthIntervalS: { flag: 'health-interval-s', env: 'VIBE_HEALTH_INTERVAL_S', default: '30' },
  heartbeatIntervalS: { flag: 'heartbeat-interval-s', env: 'VIBE_HEARTBEAT_INTERVAL_S', default: '15' },
  fileTimeoutS: { flag: 'file-timeout-s', env: 'VIBE_FILE_TIMEOUT_S', default: '300' },
  agentsDir: { flag: 'agents-dir', env: 'VIBE_AGENTS_DIR' },
  releaseRoot: { flag: 'release-root', env: 'VIBE_RELEASE_ROOT' },
  releasePublicKey: { flag: 'release-public-key', env: 'VIBE_RELEASE_PUBLIC_KEY' },
  updateConfirmS: { flag: 'update-confirm-s', env: 'VIBE_UPDATE_CONFIRM_S', default: '60' },
} satisfies Record<string, Setting>;

type Key = keyof typeof settings;

const invalid = (message: string) => new GatewayError('config.invalid', message);

function seconds(raw: string, name: string, max: number, min = 1): number {
  if (!/^\d+$/.test(raw)) throw invalid(`${name} must be a whole number of seconds, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) throw invalid(`${name} must be between ${min} and ${max}`);
  return value * 1000;
}

function absolute(raw: string, name: string): string {
  if (!isAbsolute(raw)) throw invalid(`${name} must be an absolute path`);
  return raw;
}

/** The WebSocket URL for a control-plane base URL: http→ws, https→wss, path /ws/gateway. */
export function gatewaySocketUrl(cpUrl: URL): string {
  const url = new URL(cpUrl.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/ws/gateway`;
  return url.href;
}

interface Reader {
  get(key: Key): string | undefined;
  name(key: Key): string;
  /** Values of the command's own flags (not settings). */
  own: Record<string, string | undefined>;
}

/** Parses `keys`' flags (plus a command's `own` flags) and reads each setting as flag, else env, else default. */
function reader(argv: string[], env: NodeJS.ProcessEnv, keys: readonly Key[], own: readonly string[] = []): Reader {
  const options = Object.fromEntries(
    [...keys.map((k) => settings[k].flag), ...own].map((flag) => [flag, { type: 'string' as const }]),
  ) as Record<string, { type: 'string' }>;
  let flags: Record<string, string | undefined>;
  try {
    flags = parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values as Record<
      string,
      string | undefined
    >;
  } catch (e) {
    throw invalid((e as Error).message);
  }
  const get = (key: Key): string | undefined => {
    const s: Setting = settings[key];
    const value = flags[s.flag] ?? env[s.env] ?? s.default;
    return value === '' ? undefined : value;
  };
  const name = (key: Key) => `--${settings[key].flag} / ${settings[key].env}`;
  return { get, name, own: Object.fromEntries(own.map((flag) => [flag, flags[flag] || undefined])) };
}

const UPDATE_KEYS = ['stateDir', 'releaseRoot', 'releasePublicKey', 'updateConfirmS'] as const;

function updateSettings({ get, name }: Reader): UpdateSettings {
  const root = get('releaseRoot');
  const key = get('releasePublicKey');
  return {
    releaseRoot: root === undefined ? undefined : absolute(root, name('releaseRoot')),
    publicKeyPath: key === undefined ? undefined : absolute(key, name('releasePublicKey')),
    // At least 5 s: a restart alone takes a second or two, and a shorter window would roll back good releases.
    confirmMs: seconds(get('updateConfirmS') ?? '', name('updateConfirmS'), 3_600, 5),
    stateDir: absolute(get('stateDir') ?? '', name('stateDir')),
  };
}

/**
 * The update settings and the `update` command's own flags (`own`), for `vibe-gateway update`: it needs no
 * control-plane URL or credential, only where releases live, the key and the state dir.
 */
export function loadUpdateSettings(
  argv: string[],
  env: NodeJS.ProcessEnv,
  own: readonly string[],
): { settings: UpdateSettings; flags: Record<string, string | undefined> } {
  const r = reader(argv, env, UPDATE_KEYS, own);
  return { settings: updateSettings(r), flags: r.own };
}

/**
 * Builds the config from `run`'s arguments and the environment. Throws `config.invalid` with a message naming
 * the setting; the caller prints it and exits.
 */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv, defaultAgentsDir: string): Config {
  const r = reader(argv, env, Object.keys(settings) as Key[]);
  const { get, name } = r;

  const cpRaw = get('cpUrl');
  if (!cpRaw) throw invalid(`${name('cpUrl')} is required`);
  let cpUrl: URL;
  try {
    cpUrl = new URL(cpRaw);
  } catch {
    throw invalid(`${name('cpUrl')} is not a URL`);
  }
  if (cpUrl.protocol !== 'http:' && cpUrl.protocol !== 'https:') throw invalid(`${name('cpUrl')} must be http(s)`);
  const base = cpUrl.href.replace(/\/+$/, '');

  const credential = get('credential');
  const gatewayId = get('gatewayId');
  if (credential && !gatewayId) throw invalid(`${name('credential')} needs ${name('gatewayId')}`);

  const tmuxSocket = get('tmuxSocket') ?? 'vibe';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(tmuxSocket)) throw invalid(`${name('tmuxSocket')} must be a plain name`);

  return {
    cpUrl: base,
    wsUrl: gatewaySocketUrl(cpUrl),
    registerUrl: `${base}/api/gateways/register`,
    bootstrapToken: get('bootstrapToken'),
    credential,
    gatewayId,
    stateDir: absolute(get('stateDir') ?? '', name('stateDir')),
    workspaceRoot: absolute(get('workspaceRoot') ?? '', name('workspaceRoot')),
    tmuxSocket,
    authorizedKeys: absolute(get('authorizedKeys') ?? '', name('authorizedKeys')),
    healthIntervalMs: seconds(get('healthIntervalS') ?? '', name('healthIntervalS'), 86_400),
    heartbeatIntervalMs: seconds(get('heartbeatIntervalS') ?? '', name('heartbeatIntervalS'), 3_600),
    fileTimeoutMs: seconds(get('fileTimeoutS') ?? '', name('fileTimeoutS'), 3_600),
    agentsDir: absolute(get('agentsDir') ?? defaultAgentsDir, name('agentsDir')),
    localZone: localZone(env.TZ),
    update: updateSettings(r),
  };
}
