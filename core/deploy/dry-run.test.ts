/**
 * `wrangler deploy --dry-run` for each deploy environment, so a broken bundle or binding fails `npm test` instead of
 * a deploy: the bundle builds, and the Worker it would deploy is bound to that environment's own D1 database, KV
 * namespace and GatewayHub namespace, with its own APP_ENV. Expectations are read from wrangler.toml, so replacing
 * the placeholder ids with real ones keeps this green. Needs the web build (core's `pretest` makes it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { experimental_readRawConfig } from 'wrangler';
import { printedBindings } from './wrangler-bindings.ts';

const root = join(import.meta.dirname, '..', '..');
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');
/** The parts of wrangler.toml read here (wrangler's own config types are not shipped with its package). */
type WranglerConfig = {
  name?: string;
  main?: string;
  vars?: Record<string, unknown>;
  d1_databases?: { binding: string; database_name: string; database_id: string }[];
  kv_namespaces?: { binding: string; id: string }[];
  secrets?: { required?: string[] };
  env?: Record<string, WranglerConfig>;
};
const rawConfig = experimental_readRawConfig({ config: join(root, 'wrangler.toml') }).rawConfig as WranglerConfig;
const deployEnvs = ['staging', 'production'] as const;
const outRoot = mkdtempSync(join(tmpdir(), 'vibe-dry-run-'));

afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

/** The ids and names one configuration (top level or an environment) binds. */
function resources(config: WranglerConfig) {
  return {
    d1: config.d1_databases?.map((db) => `${db.binding}:${db.database_id}:${db.database_name}`) ?? [],
    kv: config.kv_namespaces?.map((kv) => `${kv.binding}:${kv.id}`) ?? [],
  };
}

describe('wrangler.toml', () => {
  it('is production-safe at the top level: no local mode, no outbox, nothing on loopback', () => {
    expect(rawConfig.vars).toMatchObject({ APP_ENV: 'production', EMAIL_MODE: 'http' });
    for (const vars of [rawConfig.vars, ...deployEnvs.map((name) => rawConfig.env?.[name]?.vars)]) {
      expect(JSON.stringify(vars)).not.toMatch(/localhost|127\.0\.0\.1|\[::1\]|http:\/\//);
    }
  });

  it('gives each deploy environment its own D1 database, KV namespace and required secrets', () => {
    const top = resources(rawConfig);
    const [staging, production] = deployEnvs.map((name) => resources(rawConfig.env?.[name] ?? {}));
    for (const own of [staging, production]) {
      expect(own?.d1).toHaveLength(1);
      expect(own?.kv).toHaveLength(1);
      expect(own?.d1).not.toEqual(top.d1);
      expect(own?.kv).not.toEqual(top.kv);
    }
    expect(staging?.d1).not.toEqual(production?.d1);
    expect(staging?.kv).not.toEqual(production?.kv);
    for (const name of deployEnvs) {
      expect(rawConfig.env?.[name]?.secrets?.required).toEqual(
        expect.arrayContaining(['TOKEN_ENCRYPTION_KEY', 'DO_CLIENT_SECRET', 'EMAIL_API_KEY']),
      );
    }
  });
});

describe.each(deployEnvs)('wrangler deploy --dry-run --env %s', (name) => {
  it("bundles the Worker and binds the environment's own resources", () => {
    const envConfig = rawConfig.env?.[name] ?? {};
    const outdir = join(outRoot, name);
    const run = spawnSync(wrangler, ['deploy', '--dry-run', '--env', name, '--outdir', outdir], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
      encoding: 'utf8',
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(0);
    // The bundle is named after the entry (`main`, worker/src/index.ts → index.js).
    expect(existsSync(join(outdir, basename(rawConfig.main ?? '').replace(/\.ts$/, '.js')))).toBe(true);
    // wrangler names the environment's Worker `<name>-<env>` unless the environment names it itself.
    const workerName = envConfig.name ?? `${rawConfig.name}-${name}`;
    expect(readFileSync(join(outdir, 'README.md'), 'utf8')).toContain(`"${workerName}"`);

    const bindings = new Map(printedBindings(output).map((binding) => [binding.name, binding]));
    const db = envConfig.d1_databases?.[0];
    const kv = envConfig.kv_namespaces?.[0];
    expect(bindings.get('DB')).toEqual({ name: 'DB', detail: db?.database_name, type: 'D1 Database' });
    expect(bindings.get('KV')).toEqual({ name: 'KV', detail: kv?.id, type: 'KV Namespace' });
    expect(bindings.get('GATEWAY_HUB')).toEqual({ name: 'GATEWAY_HUB', detail: 'GatewayHub', type: 'Durable Object' });
    expect(bindings.get('ASSETS')?.type).toBe('Assets');
    expect(bindings.get('APP_ENV')?.detail).toBe(`"${name}"`);
    expect(bindings.get('EMAIL_MODE')?.detail).toBe('"http"');
  });
});
