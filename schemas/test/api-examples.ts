/**
 * One valid and one invalid body for every route of the HTTP API (api/routes.json): requests of the routes that
 * take JSON, responses of the routes that answer it. Each valid one is typed by the generated types, so a schema and
 * its types cannot drift apart; each invalid one breaks exactly one rule, at `breaks`.
 */
import type {
  ApiBodyRoute,
  ApiJsonRoute,
  ApiRequest,
  ApiResponse,
  GatewayUpdateState,
  Session,
  SshKey,
  Vps,
} from '../src/index.ts';

const at = '2026-11-24T10:00:00.000Z';
const fp = 'SHA256:uZ7Ue7c4pC6fHlhO3bJ0cmk9a2g4n2qS4kYyW3VvXn8';
const id = '4f9c2a1e-0b7d-4c55-9a57-3f7b2c1d9e80';
const usage = { used: 1_000, total: 4_000 };
const p256dh = `B${'x'.repeat(86)}`;
const pushEndpoint = 'https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91bH';
const pushId = 'a'.repeat(43);

const vps: Vps = {
  id,
  name: 'my-vibe-box',
  region: 'ams3',
  size: 's-1vcpu-2gb',
  ipv4: '203.0.113.7',
  status: 'ready',
  created_at: at,
  auto_power_off_hours: null,
  gateway: { id, version: '0.1.0', connected: true, last_seen_at: at },
};
const session: Session = {
  id,
  vps_id: id,
  number: 1,
  title: 'Claude Code',
  agent_type: 'claude',
  tmux_name: 'vibe-1-claude-code',
  workdir: '/home/vibe/workspace/claude-code',
  status: 'running',
  created_at: at,
  last_activity_at: null,
  ended_at: null,
  inactive: false,
  exit: null,
};
const key: SshKey = {
  fingerprint: fp,
  label: 'laptop',
  type: 'user',
  public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB laptop',
  expires_at: null,
  created_at: at,
};

const update: GatewayUpdateState = {
  version: '0.2.0',
  stage: 'downloading',
  received: 12_300_000,
  total: 40_100_000,
  error: null,
  requested_at: at,
  at,
};

type Example<T> = { valid: T; invalid: unknown; breaks: string };

export const requestExamples: { [R in ApiBodyRoute]: Example<ApiRequest<R>> } = {
  'POST /api/auth/magic-link': { valid: { email: 'a@example.com' }, invalid: { email: 42 }, breaks: '/email' },
  'POST /api/vps': {
    valid: { region: 'ams3', size: 's-1vcpu-2gb', name: 'my-box' },
    invalid: { size: '../../x' },
    breaks: '/size',
  },
  'POST /api/vps/:id/power': { valid: { action: 'off' }, invalid: { action: 'reboot' }, breaks: '/action' },
  'POST /api/vps/:id/auto-power-off': { valid: { hours: 4 }, invalid: { hours: 169 }, breaks: '/hours' },
  'DELETE /api/vps/:id': { valid: { confirm: 'my-box' }, invalid: { confirm: 7 }, breaks: '/confirm' },
  'POST /api/vps/:id/sessions': {
    valid: { title: 'fix the tests', agent_type: 'codex' },
    invalid: { title: '', agent_type: 'codex' },
    breaks: '/title',
  },
  'POST /api/vps/:id/keys': {
    valid: { public_key: key.public_key, label: 'laptop' },
    invalid: { public_key: key.public_key, label: 'x'.repeat(101) },
    breaks: '/label',
  },
  'POST /api/sessions/:id/continue-at-reset': {
    valid: { enabled: true },
    invalid: { enabled: 'yes' },
    breaks: '/enabled',
  },
  'POST /api/sessions/:id/answer': {
    valid: { prompt_fingerprint: '0123456789abcdef', choice: '1' },
    invalid: { prompt_fingerprint: '0123456789abcdef', choice: '1; rm' },
    breaks: '/choice',
  },
  'POST /api/push/subscriptions': {
    valid: { endpoint: pushEndpoint, keys: { p256dh, auth: 'A'.repeat(22) } },
    invalid: { endpoint: pushEndpoint, keys: { p256dh: p256dh.slice(1), auth: 'A'.repeat(22) } },
    breaks: '/keys/p256dh',
  },
  'POST /api/miniapp/auth': {
    valid: { init_data: 'user=%7B%22id%22%3A4242%7D&auth_date=1767225600&hash=00' },
    invalid: { init_data: 'x'.repeat(8193) },
    breaks: '/init_data',
  },
  'POST /api/gateways/register': {
    valid: { bootstrap_token: 'tok_abc' },
    invalid: { bootstrap_token: 'tok_abc', extra: true },
    breaks: '',
  },
};

export const responseExamples: { [R in ApiJsonRoute]: Example<ApiResponse<R>> } = {
  'POST /api/auth/magic-link': { valid: { ok: true }, invalid: { ok: false }, breaks: '/ok' },
  'POST /api/auth/logout': { valid: { ok: true }, invalid: {}, breaks: '' },
  'POST /api/auth/logout-everywhere': { valid: { ok: true }, invalid: {}, breaks: '' },
  'GET /api/me': {
    valid: { user: { id, email: 'a@example.com' } },
    invalid: { user: { id, email: 'a@example.com', admin: true } },
    breaks: '/user',
  },
  'GET /api/vps': { valid: { vps: [vps] }, invalid: { vps: [{ ...vps, status: 'running' }] }, breaks: '/vps/0/status' },
  'POST /api/vps': { valid: { vps }, invalid: { vps: { ...vps, created_at: 'yesterday' } }, breaks: '/vps/created_at' },
  'GET /api/vps/:id': {
    valid: {
      vps: {
        ...vps,
        status: 'provisioning_timeout',
        gateway: {
          id,
          version: null,
          connected: false,
          last_seen_at: null,
          health: { cpu: 12.5, mem: usage, disk: usage, uptime: 60, last_activity_at: null, reported_at: at },
          update_available: { version: '0.2.0' },
          update,
          schema_error: {
            code: 'gateway.schema_unsupported',
            message: 'this gateway speaks protocol 0; this control plane speaks 1',
            gateway_schema_version: '0',
            schema_version: '1',
            gateway_version: '0.0.9',
            update_command:
              'vibe-gateway update --url https://releases.example.com/vibe-gateway-0.2.0-linux-x64.tar.gz',
            at,
          },
        },
        provisioning_timeout: { retry: true, console_url: 'https://cloud.digitalocean.com/droplets/1/terminal/ui/' },
        console_url: 'https://cloud.digitalocean.com/droplets/1/terminal/ui/',
        checked_at: at,
      },
    },
    invalid: { vps: { ...vps, provisioning_timeout: null, console_url: null, checked_at: at } },
    breaks: '/vps/gateway',
  },
  'GET /api/vps/:id/health': {
    valid: {
      vps_id: id,
      status: 'ready',
      connected: true,
      last_seen_at: at,
      health: {
        type: 'gateway.health',
        schema_version: '1',
        gateway_id: id,
        cpu: 3,
        mem: usage,
        disk: usage,
        uptime: 3600,
        last_activity_at: at,
      },
      health_at: at,
      last_activity_at: at,
      history: [{ at, cpu: 3, mem: usage, disk: usage }],
      checked_at: at,
    },
    invalid: {
      vps_id: id,
      status: 'ready',
      connected: true,
      last_seen_at: at,
      health: null,
      health_at: null,
      last_activity_at: null,
      history: [{ at, cpu: 300, mem: usage, disk: usage }],
      checked_at: at,
    },
    breaks: '/history/0/cpu',
  },
  'POST /api/vps/:id/power': { valid: { vps }, invalid: { vps: { ...vps, ipv4: 7 } }, breaks: '/vps/ipv4' },
  'POST /api/vps/:id/auto-power-off': {
    valid: { vps: { ...vps, auto_power_off_hours: 4 } },
    invalid: { vps: { ...vps, auto_power_off_hours: 0 } },
    breaks: '/vps/auto_power_off_hours',
  },
  'POST /api/vps/:id/retry': { valid: { vps }, invalid: { vps: { ...vps, name: '' } }, breaks: '/vps/name' },
  'POST /api/vps/:id/gateway/update': {
    valid: { update: { ...update, stage: 'requested', received: null, total: null } },
    invalid: { update: { ...update, stage: 'paused' } },
    breaks: '/update/stage',
  },
  'GET /api/vps/:id/sessions': {
    valid: { sessions: [session] },
    invalid: { sessions: [{ ...session, number: 0 }] },
    breaks: '/sessions/0/number',
  },
  'POST /api/vps/:id/sessions': {
    valid: { session },
    invalid: { session: { ...session, agent_type: 'cursor' } },
    breaks: '/session/agent_type',
  },
  'DELETE /api/sessions/:id': {
    valid: { session: { ...session, status: 'ended', ended_at: at } },
    invalid: { session: { ...session, status: 'gone' } },
    breaks: '/session/status',
  },
  'POST /api/sessions/:id/restart': {
    valid: { session },
    invalid: {
      session: { ...session, status: 'exited', exit: { code: 3, signal: null, lines: ['x'], at: 'yesterday' } },
    },
    breaks: '/session/exit',
  },
  'GET /api/attention': {
    valid: {
      items: [
        {
          session_id: id,
          vps_id: id,
          state: 'needs_input',
          detail: 'Do you want to proceed?',
          choices: [{ key: '1', label: 'Yes' }],
          prompt_fingerprint: '0123456789abcdef',
          since: '2026-12-06T10:00:00Z',
        },
      ],
    },
    invalid: { items: [{ session_id: id, vps_id: id, state: 'working', detail: '', since: '2026-12-06T10:00:00Z' }] },
    breaks: '/items/0/state',
  },
  'POST /api/sessions/:id/answer': { valid: { answered: true }, invalid: { answered: false }, breaks: '/answered' },
  'POST /api/sessions/:id/continue-at-reset': {
    valid: { continue_at_reset: true, continues_at: '2026-12-06T14:01:00Z' },
    invalid: { continue_at_reset: true },
    breaks: '',
  },
  'GET /api/vps/:id/keys': {
    valid: { keys: [key] },
    invalid: { keys: [{ ...key, fingerprint: 'MD5:aa' }] },
    breaks: '/keys/0/fingerprint',
  },
  'POST /api/vps/:id/keys': { valid: { key }, invalid: { key: { ...key, type: 'root' } }, breaks: '/key/type' },
  'POST /api/vps/:id/support-access': {
    valid: { key: { ...key, type: 'support', label: 'VibeCode support', expires_at: at } },
    invalid: { key: { ...key, expires_at: 'tomorrow' } },
    breaks: '/key/expires_at',
  },
  'PUT /api/sessions/:id/files': {
    valid: { path: 'notes.txt', size: 29, sha256: 'a'.repeat(64) },
    invalid: { path: 'notes.txt', size: 29, sha256: 'xyz' },
    breaks: '/sha256',
  },
  'GET /api/sessions/:id/folder': {
    valid: { path: '', entries: [{ name: 'notes.txt', kind: 'file', size: 29, mtime: at }], truncated: false },
    invalid: { path: '', entries: [{ name: '', kind: 'file', size: 29, mtime: at }], truncated: false },
    breaks: '/entries/0/name',
  },
  'GET /api/cloud': {
    valid: { connection: { provider: 'digitalocean', account_email: 'a@example.com', connected_at: at } },
    invalid: { connection: { provider: 'aws', account_email: null, connected_at: at } },
    breaks: '/connection/provider',
  },
  'GET /api/cloud/regions': {
    valid: { regions: [{ slug: 'ams3', name: 'Amsterdam 3', available: true, sizes: ['s-1vcpu-2gb'] }] },
    invalid: { regions: [{ slug: 'ams3', name: 'Amsterdam 3', available: 'yes', sizes: [] }] },
    breaks: '/regions/0/available',
  },
  'GET /api/cloud/sizes': {
    valid: {
      sizes: [
        {
          slug: 's-1vcpu-2gb',
          description: 'Basic',
          memory_mb: 2048,
          vcpus: 1,
          disk_gb: 50,
          price_monthly: 12,
          price_hourly: 0.01786,
          regions: ['ams3'],
          available: true,
        },
      ],
    },
    invalid: { sizes: [{ slug: 's-1vcpu-2gb' }] },
    breaks: '/sizes/0',
  },
  'GET /api/notifications': {
    valid: {
      notifications: [
        {
          id,
          kind: 'vps.idle',
          vps_id: id,
          created_at: at,
          payload: { title: 'idle', vps_name: 'my-box', since: at, actions: ['power_off', 'keep_running'] },
        },
      ],
    },
    invalid: { notifications: [{ id, kind: 'vps.on_fire', vps_id: id, created_at: at, payload: null }] },
    breaks: '/notifications/0/kind',
  },
  'GET /api/dev/outbox': {
    valid: [{ to: 'a@example.com', subject: 'Sign in', text: 'Open the link', link: 'http://x/', sent_at: at }],
    invalid: { to: 'a@example.com' },
    breaks: '',
  },
  'GET /api/telegram': {
    valid: { configured: true, linked: true, username: 'ada_l', topics: true },
    invalid: { configured: true, linked: true, username: '', topics: true },
    breaks: '/username',
  },
  'POST /api/telegram/link': {
    valid: {
      code: 'AbCdEfGhIjKlMnOpQrSt_-',
      url: 'https://t.me/vibecode_bot?start=AbCdEfGhIjKlMnOpQrSt_-',
      expires_at: at,
    },
    invalid: { code: 'AbCdEfGhIjKlMnOpQrSt_-', url: 'https://evil.example/?start=x', expires_at: at },
    breaks: '/url',
  },
  'DELETE /api/telegram/link': { valid: { linked: false }, invalid: { linked: true }, breaks: '/linked' },
  'GET /api/push/key': { valid: { public_key: p256dh }, invalid: { public_key: 'AAAA' }, breaks: '/public_key' },
  'POST /api/push/subscriptions': {
    valid: { subscription: { id: pushId } },
    invalid: { subscription: { id: `${pushId}=` } },
    breaks: '/subscription/id',
  },
  'DELETE /api/push/subscriptions/:id': {
    valid: { subscribed: false },
    invalid: { subscribed: true },
    breaks: '/subscribed',
  },
  'POST /api/miniapp/auth': {
    valid: { expires_at: 1_767_254_400_000 },
    invalid: { expires_at: '2026-01-01' },
    breaks: '/expires_at',
  },
  'POST /api/gateways/register': {
    valid: { gateway_id: id, credential: 'gwc_abc' },
    invalid: { gateway_id: id, credential: '' },
    breaks: '/credential',
  },
};
