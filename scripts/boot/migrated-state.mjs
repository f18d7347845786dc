/**
 * A new local state with the migrations applied, copied from a template made once per set of migrations: applying
 * them (`wrangler d1 migrations apply`) takes ~7 s on a loaded machine, and every test system starts from an empty
 * state. The template lives in the temp dir, named by a hash of what it is made from (the migration files,
 * wrangler.toml, wrangler's version), and appears by rename, so no one copies half of one. Only for a new state dir:
 * `npm start`'s state keeps its data and is migrated in place (`applyMigrations`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './root.mjs';
import { applyMigrations } from './wrangler.mjs';

/** The template's name: what the migrations would give depends on these alone. */
function templateKey() {
  const config = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const hash = createHash('sha256').update(config);
  // wrangler.toml's local database and every deploy environment name the same folder.
  const dir = join(root, /^migrations_dir\s*=\s*"([^"]+)"/m.exec(config)?.[1] ?? 'migrations');
  const migrations = readdirSync(dir).filter((file) => file.endsWith('.sql'));
  for (const name of migrations.sort()) hash.update(`\0${name}\0`).update(readFileSync(join(dir, name)));
  const wrangler = JSON.parse(readFileSync(join(root, 'node_modules', 'wrangler', 'package.json'), 'utf8'));
  return hash.update(`\0${wrangler.version}`).digest('hex').slice(0, 16);
}

/** @param {{ persistTo: string }} options  a state dir that does not exist yet or is empty */
export function migratedState({ persistTo }) {
  const template = join(tmpdir(), `vibecode-migrated-${templateKey()}`);
  if (!existsSync(template)) {
    const making = `${template}.${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      applyMigrations({ persistTo: making });
      renameSync(making, template);
    } catch (error) {
      rmSync(making, { recursive: true, force: true });
      // Another system made it first: the rename onto its (non-empty) folder failed, and theirs is as good.
      if (!existsSync(template)) throw error;
    }
  }
  cpSync(template, persistTo, { recursive: true });
}
