/**
 * `.dev.vars`: the local secrets `npm start` generates once (git-ignored; never committed), the release signing key
 * among them. `wrangler dev` reads the file itself; `npm start` reads it for localcloud's OAuth secret and the key.
 */
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { newVapidPrivateKey } from './boot/webpush.mjs';

/** @type {Record<string, () => string>} */
const generated = {
  TOKEN_ENCRYPTION_KEY: () => randomBytes(32).toString('base64'),
  DO_CLIENT_SECRET: () => randomBytes(24).toString('base64url'),
  // The local bot (the Telegram stand-in accepts whatever token it is started with): `<bot id>:<secret>`, as BotFather
  // issues them, and the secret Telegram sends back with each webhook call (1–256 of A-Z a-z 0-9 _ -).
  TELEGRAM_BOT_TOKEN: () => `${randomInt(1_000_000_000, 9_999_999_999)}:${randomBytes(26).toString('base64url')}`,
  TELEGRAM_WEBHOOK_SECRET: () => randomBytes(32).toString('base64url'),
  // The local Web Push signing key (VAPID, base64url of the P-256 scalar); its public half is derived at each start.
  VAPID_PRIVATE_KEY: newVapidPrivateKey,
  // The local release's signing key (EC P-256, PEM on one line); its public half is derived at each start.
  GATEWAY_SIGNING_KEY: () =>
    String(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }))
      .trim()
      .replaceAll('\n', '\\n'),
};

/** @param {string} path */
function readDevVars(path) {
  /** @type {Map<string, string>} */
  const vars = new Map();
  if (!existsSync(path)) return vars;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined) vars.set(m[1], m[2].replace(/^"(.*)"$/, '$1'));
  }
  return vars;
}

/**
 * Reads `path`, adds the generated secrets it lacks, drops what is now derived, and says what changed.
 * @param {string} path
 * @param {(line: string) => void} say
 */
export function ensureDevVars(path, say) {
  const devVars = readDevVars(path);
  const added = Object.keys(generated).filter((name) => !devVars.has(name));
  // Older runs kept only the release key's public half, which no local release could be verified with; it is
  // derived from GATEWAY_SIGNING_KEY now, and a stale copy would contradict the one passed to wrangler.
  const dropped = devVars.has('GATEWAY_SIGNING_PUBLIC_KEY') ? ['GATEWAY_SIGNING_PUBLIC_KEY'] : [];
  if (added.length === 0 && dropped.length === 0) return devVars;
  const lines = added.map((name) => {
    const value = generated[name]?.() ?? '';
    devVars.set(name, value);
    return `${name}="${value}"`;
  });
  const before = existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => !dropped.some((name) => line.trim().startsWith(`${name}=`)))
        .join('\n')
    : '# Local secrets written by `npm start` (git-ignored).\n';
  writeFileSync(path, `${before.replace(/\n*$/, '\n')}${lines.map((line) => `${line}\n`).join('')}`, { mode: 0o600 });
  for (const name of dropped) devVars.delete(name);
  say(
    `.dev.vars: ${[...added.map((n) => `wrote ${n}`), ...dropped.map((n) => `removed ${n} (now derived)`)].join(', ')}`,
  );
  return devVars;
}

/**
 * The Worker's secrets among them, for a `wrangler dev` that does not read .dev.vars itself.
 * @param {Map<string, string>} devVars
 */
export function secretsOf(devVars) {
  return Object.fromEntries(
    ['TOKEN_ENCRYPTION_KEY', 'DO_CLIENT_SECRET'].map((name) => [name, devVars.get(name) ?? '']),
  );
}
