/**
 * The D1 schema (seed §8 plus what auth, provisioning and the hub need). Types for rows come only from here
 * (`typeof table.$inferSelect`). Times are integer milliseconds since the epoch. Secrets are never stored in
 * the clear: tokens and credentials as SHA-256 hex, DigitalOcean tokens AES-GCM encrypted.
 */
// Column enums are the API's lists (schemas/api), so a status or kind can only be one the API can show.
import {
  type AgentState,
  agentTypes,
  noticeKinds,
  type PromptChoice,
  sessionStatuses,
  vpsStatuses,
} from '@vibecode/schemas';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => integer('created_at', { mode: 'number' }).notNull().default(sql`(unixepoch() * 1000)`);

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  createdAt: createdAt(),
});

export const emailIdentities = sqliteTable('email_identities', {
  email: text('email').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  verifiedAt: integer('verified_at', { mode: 'number' }),
});

/** Single-use sign-in links; consumed with `UPDATE … WHERE used_at IS NULL … RETURNING`. */
export const magicLinkTokens = sqliteTable(
  'magic_link_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    email: text('email').notNull(),
    /** SHA-256 of the sign-in cookie of the browser that asked for the link; '' for none (auth/sign-in-browser.ts). */
    browserHash: text('browser_hash').notNull().default(''),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    usedAt: integer('used_at', { mode: 'number' }),
  },
  (t) => [index('magic_link_tokens_email').on(t.email)],
);

/**
 * Browser sessions behind the session cookie (sliding expiry), each with its absolute lifetime from `created_at`:
 * 30 days for a sign-in (the default, which rows older than the column also read), 8 hours for a Mini App's.
 */
export const webSessions = sqliteTable(
  'web_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'number' }).notNull(),
    maxAgeMs: integer('max_age_ms', { mode: 'number' }).notNull().default(2_592_000_000),
  },
  (t) => [index('web_sessions_user').on(t.userId)],
);

/** A user's DigitalOcean OAuth connection; tokens are sealed by `crypto/token-cipher.ts` (`v1.<iv>.<ciphertext>`). */
export const cloudConnections = sqliteTable('cloud_connections', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  provider: text('provider', { enum: ['digitalocean'] }).notNull(),
  accessTokenEnc: text('access_token_enc').notNull(),
  refreshTokenEnc: text('refresh_token_enc').notNull(),
  teamUuid: text('team_uuid'),
  accountEmail: text('account_email'),
  expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
  createdAt: createdAt(),
});

/**
 * OAuth `state` values, single-use tokens (`auth/single-use-token.ts`) bound to the user and the web session that
 * started the flow. The hash's column keeps its first name, `state_hash`.
 */
export const oauthStates = sqliteTable('oauth_states', {
  tokenHash: text('state_hash').primaryKey(),
  webSessionHash: text('web_session_hash').notNull(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
  usedAt: integer('used_at', { mode: 'number' }),
});

export const vps = sqliteTable(
  'vps',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    dropletId: integer('droplet_id', { mode: 'number' }),
    region: text('region').notNull(),
    size: text('size').notNull(),
    ipv4: text('ipv4'),
    status: text('status', { enum: vpsStatuses }).notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
    /** Start of the idle period already notified, so each idle period is announced once. */
    idleNotifiedAt: integer('idle_notified_at', { mode: 'number' }),
    /** Start of the offline period already notified (the gateway's last_seen_at then), likewise once per period. */
    offlineNotifiedAt: integer('offline_notified_at', { mode: 'number' }),
    /** When the droplet's power state was last read from the cloud: bounds those reads per VPS (vps/power-read.ts). */
    powerCheckedAt: integer('power_checked_at', { mode: 'number' }),
    /** Opt-in: hours unattended (no working agent, no viewer, no terminal activity) before the cron powers it off. */
    autoPowerOffHours: integer('auto_power_off_hours', { mode: 'number' }),
  },
  (t) => [index('vps_user').on(t.userId)],
);

/** One gateway per VPS; `id` is the gateway_id (the hub's name). Only the credential's hash is stored. */
export const gateways = sqliteTable(
  'gateways',
  {
    id: text('id').primaryKey(),
    vpsId: text('vps_id')
      .notNull()
      .unique()
      .references(() => vps.id, { onDelete: 'cascade' }),
    credentialHash: text('credential_hash'),
    version: text('version'),
    connected: integer('connected', { mode: 'boolean' }).notNull().default(false),
    lastSeenAt: integer('last_seen_at', { mode: 'number' }),
    /** Latest `gateway.health` message as JSON, and when it arrived. */
    healthJson: text('health_json'),
    healthAt: integer('health_at', { mode: 'number' }),
    lastActivityAt: integer('last_activity_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('gateways_credential_hash').on(t.credentialHash)],
);

/** One-time tokens cloud-init hands the gateway to register; bound to a VPS, short TTL. */
export const bootstrapTokens = sqliteTable('bootstrap_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  vpsId: text('vps_id')
    .notNull()
    .references(() => vps.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
  usedAt: integer('used_at', { mode: 'number' }),
});

/**
 * `id` is the public id used in URLs; `number` is the protocol's session_id (1..2^32−1, unique per VPS),
 * the number binary frames carry.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    vpsId: text('vps_id')
      .notNull()
      .references(() => vps.id, { onDelete: 'cascade' }),
    number: integer('number', { mode: 'number' }).notNull(),
    title: text('title').notNull(),
    agentType: text('agent_type', { enum: agentTypes }).notNull(),
    tmuxName: text('tmux_name').notNull(),
    workdir: text('workdir').notNull(),
    status: text('status', { enum: sessionStatuses }).notNull(),
    createdAt: createdAt(),
    lastActivityAt: integer('last_activity_at', { mode: 'number' }),
    endedAt: integer('ended_at', { mode: 'number' }),
    /** How its program ended (status `exited`); `exit_lines` is a JSON array of the last non-empty lines. */
    exitCode: integer('exit_code', { mode: 'number' }),
    exitSignal: text('exit_signal'),
    exitLines: text('exit_lines', { mode: 'json' }).$type<string[]>(),
    exitedAt: integer('exited_at', { mode: 'number' }),
    /** The agent's state as the gateway last reported it (session.state), its question or limit, and since when. */
    agentState: text('agent_state').$type<AgentState>(),
    agentDetail: text('agent_detail'),
    agentChoices: text('agent_choices', { mode: 'json' }).$type<PromptChoice[]>(),
    agentFingerprint: text('agent_fingerprint'),
    agentResetsAt: integer('agent_resets_at', { mode: 'number' }),
    agentStateAt: integer('agent_state_at', { mode: 'number' }),
    /** The seq of that state (session.state's): one with a lower seq came late and is not recorded over it. */
    agentStateSeq: integer('agent_state_seq', { mode: 'number' }),
    /** When a person last opened the session or answered it: the attention item of an older state is cleared. */
    attentionClearedAt: integer('attention_cleared_at', { mode: 'number' }),
    /** The person asked to continue the agent when its usage limit resets; cleared once the hub typed it. */
    continueAtReset: integer('continue_at_reset', { mode: 'boolean' }).notNull().default(false),
    /** The `agent_state_at` of the question its person was last emailed about (one email per question). */
    attentionEmailedAt: integer('attention_emailed_at', { mode: 'number' }),
    /** The `agent_state_at` of the state last pushed to its person's browsers (one push per state). */
    attentionPushedAt: integer('attention_pushed_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('sessions_vps_number').on(t.vpsId, t.number), index('sessions_user').on(t.userId)],
);

/**
 * A browser's Web Push subscription (what `pushManager.subscribe` gave it). `id` is derived from the endpoint
 * (`push/subscription-id.ts`), so the same browser subscribing again replaces its row, whoever it belonged to.
 */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    /** The browser's P-256 public key and auth secret (base64url), which the payload is encrypted for. */
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('push_subscriptions_user').on(t.userId)],
);

/** Public keys only (no private key ever reaches the control plane). */
export const authorizedKeys = sqliteTable(
  'authorized_keys',
  {
    id: text('id').primaryKey(),
    vpsId: text('vps_id')
      .notNull()
      .references(() => vps.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    publicKey: text('public_key').notNull(),
    label: text('label').notNull(),
    type: text('type', { enum: ['user', 'support'] }).notNull(),
    expiresAt: integer('expires_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('authorized_keys_vps_fingerprint').on(t.vpsId, t.fingerprint)],
);

/** Web-channel notifications (the banner); other channels deliver and forget. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    vpsId: text('vps_id').references(() => vps.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: noticeKinds }).notNull(),
    payloadJson: text('payload_json').notNull(),
    createdAt: createdAt(),
    dismissedAt: integer('dismissed_at', { mode: 'number' }),
  },
  (t) => [index('notifications_user').on(t.userId)],
);
