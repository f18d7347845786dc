/**
 * The Worker in Miniflare with nothing in front of it: the entry point of the "no dev proxy" VibeCode column, run
 * by worker-without-proxy.ts in a process of its own (as `wrangler dev` runs its Miniflare in its own, so neither
 * shares the bench's event loop). The script is `wrangler deploy`'s bundle; the bindings (D1, KV, both Durable
 * Objects, the Queue, the assets with their `run_worker_first`) are what wrangler itself derives from the same
 * config for Miniflare (`unstable_getMiniflareWorkerOptions`); the state is `wrangler dev --persist-to`'s layout.
 * Prints its URL once it serves; stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

export interface HostOptions {
  /** The generated wrangler config (worker-config.mjs). */
  config: string;
  /** `wrangler deploy --dry-run --outdir`'s entry module. */
  script: string;
  /** `<persistTo>/v3`, where `wrangler dev --persist-to` keeps D1, KV and the Durable Objects. */
  persistRoot: string;
  port: number;
  /** What `wrangler dev` gets as `--var`s (the local settings and secrets). */
  vars: Record<string, string>;
}

const options = JSON.parse(process.argv[2] ?? '{}') as HostOptions;
const { workerOptions, externalWorkers } = unstable_getMiniflareWorkerOptions(options.config);
const mf = new Miniflare({
  host: '127.0.0.1',
  port: options.port,
  // The fallback `Request.cf`, as wrangler dev has offline, without its 3 s attempt to fetch the real one.
  cf: false,
  defaultPersistRoot: options.persistRoot,
  workers: [
    {
      ...workerOptions,
      // The config's name, as wrangler dev names the Worker: Durable Object ids are derived from it.
      name: (JSON.parse(readFileSync(options.config, 'utf8')) as { name: string }).name,
      // The one module, listed as wrangler dev lists its bundle: `modules: true` would make Miniflare follow the
      // bundle's imports, and it refuses SvelteKit's optional `import('node:async_hooks')` (no nodejs_compat).
      modulesRoot: dirname(options.script),
      modules: [{ type: 'ESModule', path: options.script }],
      bindings: { ...workerOptions.bindings, ...options.vars },
    },
    ...externalWorkers,
  ],
});
const url = await mf.ready;
process.stdout.write(`serving on ${url.href}\n`);
process.once('SIGTERM', () => {
  void mf.dispose().finally(() => process.exit(0));
});
