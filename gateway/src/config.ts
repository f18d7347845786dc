/**
 * The gateway's settings: every one is a flag and an environment variable (the flag wins). Read and validated
 * once at start, then passed down; nothing else reads `process.env`.
 */
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { GatewayError } from './errors.ts';

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
} satisfies Record<string, Setting>;

type Key = keyof typeof settings;

const invalid = (message: string) => new GatewayError('config.invalid', message);

function seconds(raw: string, name: string, max: number): number {
  if (!/^\d+$/.test(raw)) throw invalid(`${name} must be a whole number of seconds, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < 1 || value > max) throw invalid(`${name} must be between 1 and ${max}`);
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

/**
 * Builds the config from `run`'s arguments and the environment. Throws `config.invalid` with a message naming
 * the setting; the caller prints it and exits.
 */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv, defaultAgentsDir: string): Config {
  const options = Object.fromEntries(
    Object.values(settings).map((s) => [s.flag, { type: 'string' as const }]),
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
  };
}
