/**
 * cloud-init's own first boot, inside a root's namespace: the user_data is seeded as a NoCloud datasource, then
 * the modules a droplet's boot would run for it run one by one, in boot order (Debian 12's cloud.cfg stages:
 * init → config → final). The stage module lists are emptied so that `init --local` only reads the datasource
 * and nothing else runs (growpart, resizefs, set_hostname, ssh host keys… need a real machine and do not concern
 * the install); a user_data key none of these modules handles fails the test instead of being skipped.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { DropletNamespace, RunResult } from './namespace.ts';

/** In boot order; scripts_user runs the script runcmd wrote. */
export const MODULES = [
  'write_files',
  'users_groups',
  'runcmd',
  'package_update_upgrade_install',
  'write_files_deferred',
  'scripts_user',
] as const;
export type CloudInitModule = (typeof MODULES)[number];

/** The user_data keys the modules above act on. */
const HANDLED_KEYS = new Set([
  'users',
  'groups',
  'write_files',
  'runcmd',
  'packages',
  'package_update',
  'package_upgrade',
  'package_reboot_if_required',
]);
const MODULE_TIMEOUT_MS = 10 * 60_000;

const CONFIG = `# Written by the droplet test: read only the seeded NoCloud datasource, configure no network, and run
# no stage's modules by themselves (the test runs each one it needs with \`cloud-init single\`).
datasource_list: [NoCloud]
network: {config: disabled}
cloud_init_modules: []
cloud_config_modules: []
cloud_final_modules: []
`;

/** The top-level keys of a #cloud-config that no module in MODULES handles. */
export function unhandledKeys(userData: string): string[] {
  const doc = parse(userData) as Record<string, unknown> | null;
  return Object.keys(doc ?? {}).filter((key) => !HANDLED_KEYS.has(key));
}

/** Seeds `userData` as what the droplet's datasource serves, with `dsmode: local` so `init --local` reads it. */
export function seedNoCloud(root: string, userData: string, instanceId: string, hostname: string): void {
  const seed = join(root, 'var/lib/cloud/seed/nocloud');
  mkdirSync(seed, { recursive: true });
  writeFileSync(join(seed, 'user-data'), userData);
  writeFileSync(join(seed, 'meta-data'), `instance-id: ${instanceId}\nlocal-hostname: ${hostname}\ndsmode: local\n`);
  writeFileSync(join(root, 'etc/cloud/cloud.cfg.d/99-droplet-test.cfg'), CONFIG);
}

export interface ModuleResult extends RunResult {
  module: CloudInitModule | 'init --local';
  ms: number;
}

async function timed(module: ModuleResult['module'], run: () => Promise<RunResult>): Promise<ModuleResult> {
  const started = performance.now();
  const result = await run();
  return { module, ms: Math.round(performance.now() - started), ...result };
}

export function runModule(ns: DropletNamespace, module: CloudInitModule): Promise<ModuleResult> {
  return timed(module, () =>
    ns.run(['cloud-init', 'single', '--name', module, '--frequency', 'always'], { timeoutMs: MODULE_TIMEOUT_MS }),
  );
}

/** The first boot: `init --local`, then every module in order, stopping at the first that fails. */
export async function firstBoot(ns: DropletNamespace): Promise<ModuleResult[]> {
  const results = [
    await timed('init --local', () => ns.run(['cloud-init', 'init', '--local'], { timeoutMs: MODULE_TIMEOUT_MS })),
  ];
  for (const module of MODULES) {
    if (results.at(-1)?.code !== 0) break;
    results.push(await runModule(ns, module));
  }
  return results;
}
