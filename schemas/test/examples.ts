/**
 * One valid and one invalid example of every message. The invalid one breaks exactly one rule, so a test
 * failure points at the schema rule that stopped holding.
 */
import type { MessageType } from '../src/index.ts';

const v = { schema_version: '1' } as const;
const at = '2026-11-24T10:00:00.000Z';
const fp = 'SHA256:uZ7Ue7c4pC6fHlhO3bJ0cmk9a2g4n2qS4kYyW3VvXn8';

export const examples: Record<MessageType, { valid: object; invalid: object; breaks: string }> = {
  'session.create': {
    valid: {
      type: 'session.create',
      ...v,
      session_id: 1,
      tmux_name: 'vibe-1',
      agent_type: 'claude',
      workdir: '/home/vibe/w/a',
      agent_config: { instructions: 'Be brief.' },
    },
    invalid: {
      type: 'session.create',
      ...v,
      session_id: 1,
      tmux_name: 'vibe-1',
      agent_type: 'cursor',
      workdir: '/home/vibe/w/a',
    },
    breaks: '/agent_type',
  },
  'session.input': {
    valid: { type: 'session.input', ...v, session_id: 7, data: 'ls\r' },
    invalid: { type: 'session.input', ...v, session_id: 7, data: '' },
    breaks: '/data',
  },
  'session.resize': {
    valid: { type: 'session.resize', ...v, session_id: 7, cols: 120, rows: 40, claim: true },
    invalid: { type: 'session.resize', ...v, session_id: 7, cols: 0, rows: 40 },
    breaks: '/cols',
  },
  'session.end': {
    valid: { type: 'session.end', ...v, session_id: 4294967295 },
    invalid: { type: 'session.end', ...v, session_id: 4294967296 },
    breaks: '/session_id',
  },
  'session.ack': {
    valid: { type: 'session.ack', ...v, session_id: 1, seq: 42 },
    invalid: { type: 'session.ack', ...v, session_id: 1, seq: 0 },
    breaks: '/seq',
  },
  'session.attach': {
    valid: { type: 'session.attach', ...v, session_id: 1, last_seq: 0, ref: 'viewer-1' },
    invalid: { type: 'session.attach', ...v, session_id: 0 },
    breaks: '/session_id',
  },
  'ssh.authorize': {
    valid: {
      type: 'ssh.authorize',
      ...v,
      public_key: 'ssh-ed25519 AAAAC3Nza me@laptop',
      label: 'laptop',
      key_type: 'support',
      expires_at: at,
    },
    invalid: {
      type: 'ssh.authorize',
      ...v,
      public_key: 'ssh-ed25519 AAAA',
      label: 'laptop',
      expires_at: '2026-11-24 10:00',
    },
    breaks: '/expires_at',
  },
  'ssh.revoke': {
    valid: { type: 'ssh.revoke', ...v, fingerprint: fp },
    invalid: { type: 'ssh.revoke', ...v, fingerprint: 'MD5:aa:bb' },
    breaks: '/fingerprint',
  },
  'ssh.list': {
    valid: { type: 'ssh.list', ...v, ref: 'r1' },
    invalid: { type: 'ssh.list', ...v, extra: true },
    breaks: '',
  },
  'file.upload.begin': {
    valid: {
      type: 'file.upload.begin',
      ...v,
      session_id: 1,
      filename: 'a.txt',
      dest_path: 'docs/a.txt',
      size: 20971520,
      ref: 'u1',
    },
    invalid: { type: 'file.upload.begin', ...v, session_id: 1, filename: 'a.txt', dest_path: 'a.txt', size: 20971521 },
    breaks: '/size',
  },
  'file.upload.chunk': {
    valid: { type: 'file.upload.chunk', ...v, upload_id: 'up_1', seq: 0, data_b64: 'aGVsbG8=' },
    invalid: { type: 'file.upload.chunk', ...v, upload_id: 'up_1', seq: 0, data_b64: 'not base64!' },
    breaks: '/data_b64',
  },
  'file.upload.end': {
    valid: { type: 'file.upload.end', ...v, upload_id: 'up_1', sha256: 'a'.repeat(64) },
    // Without the sender's sha256 the gateway could not check the file before it puts it in place.
    invalid: { type: 'file.upload.end', ...v, upload_id: 'up_1' },
    breaks: '',
  },
  'file.upload.abort': {
    valid: { type: 'file.upload.abort', ...v, upload_id: 'up_1' },
    invalid: { type: 'file.upload.abort', ...v },
    breaks: '',
  },
  'file.download': {
    valid: { type: 'file.download', ...v, session_id: 1, path: 'out/report.pdf' },
    invalid: { type: 'file.download', ...v, session_id: 1, path: '' },
    breaks: '/path',
  },
  'file.download.ack': {
    valid: { type: 'file.download.ack', ...v, download_id: 'dl_1', seq: 3 },
    invalid: { type: 'file.download.ack', ...v, download_id: 'dl_1', seq: -1 },
    breaks: '/seq',
  },
  'file.download.abort': {
    valid: { type: 'file.download.abort', ...v, download_id: 'dl_1' },
    invalid: { type: 'file.download.abort', ...v, download_id: 5 },
    breaks: '/download_id',
  },
  'file.list': {
    valid: { type: 'file.list', ...v, session_id: 1, path: '', ref: 'r1' },
    invalid: { type: 'file.list', ...v, session_id: 1, path: 'x'.repeat(1025) },
    breaks: '/path',
  },
  'file.listing': {
    valid: {
      type: 'file.listing',
      ...v,
      session_id: 1,
      path: 'src',
      entries: [
        { name: 'lib', kind: 'dir', size: 0, mtime: at },
        { name: 'out', kind: 'symlink', target: 'file', size: 12, mtime: at },
      ],
      truncated: false,
    },
    invalid: {
      type: 'file.listing',
      ...v,
      session_id: 1,
      path: 'src',
      entries: [{ name: 'lib', kind: 'folder', size: 0, mtime: at }],
      truncated: false,
    },
    breaks: '/entries/0/kind',
  },
  'gateway.hello': {
    valid: { type: 'gateway.hello', ...v, gateway_id: 'gw_1', version: '0.1.0', sessions: [1, 4294967295] },
    invalid: { type: 'gateway.hello', ...v, gateway_id: 'gw_1', version: 'latest' },
    breaks: '/version',
  },
  'gateway.welcome': {
    valid: { type: 'gateway.welcome', ...v, gateway_id: 'gw_1' },
    invalid: { type: 'gateway.welcome', ...v, gateway_id: '' },
    breaks: '/gateway_id',
  },
  'gateway.update': {
    valid: {
      type: 'gateway.update',
      ...v,
      version: '0.2.0',
      url: 'https://releases.example.com/vibe-gateway-0.2.0-linux-x64.tar.gz',
      sha256: 'a'.repeat(64),
      signature: 'MEUCIQD0/8x+AbC=',
      ref: 'update-1',
    },
    invalid: {
      type: 'gateway.update',
      ...v,
      version: '0.2.0',
      url: 'file:///etc/passwd',
      sha256: 'a'.repeat(64),
      signature: 'MEUCIQD0/8x+AbC=',
    },
    breaks: '/url',
  },
  'gateway.update.status': {
    valid: { type: 'gateway.update.status', ...v, version: '0.2.0', stage: 'downloading', received: 1024, total: 4096 },
    invalid: { type: 'gateway.update.status', ...v, version: '0.2.0', stage: 'exploded' },
    breaks: '/stage',
  },
  'gateway.health': {
    valid: {
      type: 'gateway.health',
      ...v,
      gateway_id: 'gw_1',
      cpu: 12.5,
      mem: { used: 1, total: 2 },
      disk: { used: 3, total: 4 },
      uptime: 60,
      last_activity_at: null,
    },
    invalid: {
      type: 'gateway.health',
      ...v,
      gateway_id: 'gw_1',
      cpu: 120,
      mem: { used: 1, total: 2 },
      disk: { used: 3, total: 4 },
      uptime: 60,
      last_activity_at: at,
    },
    breaks: '/cpu',
  },
  'gateway.offline': {
    valid: { type: 'gateway.offline', ...v, gateway_id: 'gw_1', since: at },
    invalid: { type: 'gateway.offline', ...v, gateway_id: 'gw_1', since: '2026-11-24T10:00:00+02:00' },
    breaks: '/since',
  },
  'gateway.online': {
    valid: { type: 'gateway.online', ...v, gateway_id: 'gw_1' },
    invalid: { type: 'gateway.online', ...v, gateway_id: '' },
    breaks: '/gateway_id',
  },
  'session.size': {
    valid: { type: 'session.size', ...v, session_id: 7, cols: 148, rows: 40 },
    invalid: { type: 'session.size', ...v, session_id: 7, cols: 148, rows: 501 },
    breaks: '/rows',
  },
  'session.started': {
    valid: { type: 'session.started', ...v, session_id: 1 },
    invalid: { type: 'session.started', schema_version: '2', session_id: 1 },
    breaks: '/schema_version',
  },
  'session.ended': {
    valid: { type: 'session.ended', ...v, session_id: 1, reason: 'exited' },
    invalid: { type: 'session.ended', ...v, session_id: 1, reason: 'crashed' },
    breaks: '/reason',
  },
  'session.exited': {
    valid: { type: 'session.exited', ...v, session_id: 1, code: 3, signal: null, lines: ['Error: not logged in'] },
    invalid: { type: 'session.exited', ...v, session_id: 1, code: null, signal: null, lines: Array(21).fill('x') },
    breaks: '/lines',
  },
  'session.restart': {
    valid: { type: 'session.restart', ...v, session_id: 1, ref: 'restart-1' },
    invalid: { type: 'session.restart', ...v, session_id: 1 },
    breaks: '',
  },
  'session.error': {
    valid: {
      type: 'session.error',
      ...v,
      session_id: 1,
      error: { code: 'session.limit', message: 'at most 5 live sessions' },
    },
    invalid: { type: 'session.error', ...v, session_id: 1, error: { code: 'LIMIT', message: 'x' } },
    breaks: '/error/code',
  },
  'session.snapshot': {
    valid: {
      type: 'session.snapshot',
      ...v,
      session_id: 1,
      cols: 80,
      rows: 24,
      text: '$ ',
      cursor: { x: 2, y: 0 },
      seq: 10,
      reason: 'gap',
      ref: 'a1',
    },
    invalid: {
      type: 'session.snapshot',
      ...v,
      session_id: 1,
      cols: 80,
      rows: 24,
      text: '$ ',
      cursor: { x: 2 },
      seq: 10,
      reason: 'gap',
    },
    breaks: '/cursor',
  },
  'session.capture': {
    valid: { type: 'session.capture', ...v, session_id: 1, ref: 'screen-1' },
    invalid: { type: 'session.capture', ...v, session_id: 1 },
    breaks: '',
  },
  'session.screen': {
    valid: {
      type: 'session.screen',
      ...v,
      session_id: 1,
      ref: 'screen-1',
      cols: 80,
      rows: 24,
      text: '~/w/a $ ls\nREADME.md\n~/w/a $',
      seq: 0,
    },
    invalid: {
      type: 'session.screen',
      ...v,
      session_id: 1,
      ref: 'screen-1',
      cols: 80,
      rows: 24,
      text: '~/w/a $',
      seq: -1,
    },
    breaks: '/seq',
  },
  'session.state': {
    valid: {
      type: 'session.state',
      ...v,
      session_id: 1,
      state: 'needs_input',
      detail: 'Do you want to proceed?',
      prompt_fingerprint: '0123456789abcdef',
      choices: [
        { key: '1', label: 'Yes' },
        { key: '2', label: 'No' },
      ],
    },
    invalid: { type: 'session.state', ...v, session_id: 1, state: 'asleep' },
    breaks: '/state',
  },
  'session.answer': {
    valid: {
      type: 'session.answer',
      ...v,
      session_id: 1,
      ref: 'answer-1',
      prompt_fingerprint: '0123456789abcdef',
      choice: '1',
    },
    invalid: { type: 'session.answer', ...v, session_id: 1, ref: 'answer-1', prompt_fingerprint: 'ABC', choice: '1' },
    breaks: '/prompt_fingerprint',
  },
  'session.answered': {
    valid: { type: 'session.answered', ...v, session_id: 1, ref: 'answer-1' },
    invalid: { type: 'session.answered', ...v, session_id: 1 },
    breaks: '',
  },
  'ssh.keys': {
    valid: {
      type: 'ssh.keys',
      ...v,
      keys: [{ fingerprint: fp, label: 'laptop', type: 'user', algorithm: 'ssh-ed25519', added_at: at }],
    },
    invalid: {
      type: 'ssh.keys',
      ...v,
      keys: [{ fingerprint: fp, label: 'laptop', type: 'admin', algorithm: 'ssh-ed25519', added_at: at }],
    },
    breaks: '/keys/0/type',
  },
  'file.upload.ready': {
    valid: { type: 'file.upload.ready', ...v, upload_id: 'up_1', ref: 'u1' },
    invalid: { type: 'file.upload.ready', ...v },
    breaks: '',
  },
  'file.upload.ack': {
    valid: { type: 'file.upload.ack', ...v, upload_id: 'up_1', seq: 0 },
    invalid: { type: 'file.upload.ack', ...v, upload_id: 'up_1', seq: 1.5 },
    breaks: '/seq',
  },
  'file.upload.done': {
    valid: { type: 'file.upload.done', ...v, upload_id: 'up_1', path: 'a.txt', size: 5, sha256: 'a'.repeat(64) },
    invalid: { type: 'file.upload.done', ...v, upload_id: 'up_1', path: 'a.txt', size: 5, sha256: 'A'.repeat(64) },
    breaks: '/sha256',
  },
  'file.content.begin': {
    valid: { type: 'file.content.begin', ...v, download_id: 'dl_1', filename: 'a.txt', size: 5 },
    invalid: { type: 'file.content.begin', ...v, download_id: 'dl_1', filename: '', size: 5 },
    breaks: '/filename',
  },
  'file.content.chunk': {
    valid: { type: 'file.content.chunk', ...v, download_id: 'dl_1', seq: 0, data_b64: '' },
    invalid: { type: 'file.content.chunk', ...v, download_id: 'dl_1', data_b64: 'aGk=' },
    breaks: '',
  },
  'file.content.end': {
    valid: { type: 'file.content.end', ...v, download_id: 'dl_1', sha256: '0'.repeat(64) },
    invalid: { type: 'file.content.end', ...v, download_id: 'dl_1', sha256: '0' },
    breaks: '/sha256',
  },
  'file.error': {
    valid: {
      type: 'file.error',
      ...v,
      session_id: 1,
      upload_id: 'up_1',
      error: { code: 'file.too_large', message: 'over 20 MiB' },
    },
    invalid: { type: 'file.error', ...v, session_id: 1, error: { code: 'file.too_large' } },
    breaks: '/error',
  },
  error: {
    valid: { type: 'error', ...v, code: 'protocol.schema', message: 'bad', ref: 'x', path: '/cols' },
    invalid: { type: 'error', ...v, code: 'protocol', message: 'bad' },
    breaks: '/code',
  },
  ping: { valid: { type: 'ping', ...v }, invalid: { type: 'ping' }, breaks: '' },
  pong: { valid: { type: 'pong', ...v }, invalid: { type: 'pong', ...v, at }, breaks: '' },
};
