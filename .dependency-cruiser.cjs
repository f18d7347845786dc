/**
 * The parts' rules (../shared/ARCHITECTURE.md "Layout"), checked by `npm run check` (`npm run rules`). A workspace
 * is a top-level folder or a folder under test/. test/architecture proves each rule fails on a forbidden import.
 */

/** Every workspace folder; in a rule's `to`, `$1` is the importing file's workspace. */
const WORKSPACE = '(test/[^/]+|[^/]+)';

const part = (...names) => names.map((name) => `^${name}/`);

/** A relative import into another workspace's src/ or test/; a package import resolves through the workspace link. */
const reachingIn = {
  path: `^${WORKSPACE}/(src|test)/`,
  pathNot: '^$1/',
  dependencyTypes: ['local'],
  dependencyTypesNot: ['aliased', 'aliased-workspace', 'undetermined'],
};

module.exports = {
  forbidden: [
    {
      name: 'schemas-is-the-root',
      comment: 'The protocol depends on nothing of ours: every other part depends on it.',
      severity: 'error',
      from: { path: part('schemas') },
      to: { path: `^${WORKSPACE}/`, pathNot: part('schemas') },
    },
    {
      name: 'core-stays-core',
      comment:
        'core never imports a channel, the web app, telegram, the Mini App, the gateway or the Worker entry: they ' +
        'plug into it at the Worker entry (worker/) through its ports.',
      severity: 'error',
      from: { path: part('core') },
      to: { path: part('channels', 'worker', 'web', 'telegram', 'miniapp', 'gateway') },
    },
    {
      name: 'core-runs-without-stand-ins',
      comment:
        "core's own code never imports a stand-in (localcloud, fakes); its tests may: that is what they are for.",
      severity: 'error',
      from: { path: part('core'), pathNot: ['\\.test\\.ts$', '^core/test/', '^core/vitest\\.'] },
      to: { path: part('localcloud', 'fakes') },
    },
    {
      name: 'channels-use-core-ports-only',
      comment:
        'A channel (the channels package, telegram) reaches core only through `@vibecode/core/ports`, never its ' +
        'tables, routes or Durable Object, and the channels package never imports telegram.',
      severity: 'error',
      from: { path: part('channels', 'telegram') },
      to: { path: part('core', 'worker', 'web', 'gateway'), pathNot: '^core/src/ports\\.ts$' },
    },
    {
      name: 'channels-never-import-telegram',
      comment: 'Telegram is one more channel, plugged in at the Worker entry like the others.',
      severity: 'error',
      from: { path: part('channels') },
      to: { path: part('telegram') },
    },
    {
      name: 'gateway-shares-only-the-protocol',
      comment: 'The gateway runs on the VPS: it shares the protocol (schemas) with the control plane, never its code.',
      severity: 'error',
      from: { path: part('gateway') },
      to: { path: part('core', 'channels', 'worker', 'web', 'telegram', 'miniapp') },
    },
    {
      name: 'web-never-imports-the-gateway',
      comment: 'The browser apps reach the gateway and core only through the Worker, over the protocol (schemas).',
      severity: 'error',
      from: { path: part('web', 'miniapp') },
      to: { path: part('gateway', 'core', 'channels', 'worker') },
    },
    {
      name: 'nothing-imports-the-worker',
      comment: 'worker/ is the composition root: it imports every part and no part imports it.',
      severity: 'error',
      from: { pathNot: part('worker') },
      to: { path: part('worker') },
    },
    {
      name: 'no-reaching-into-another-workspace',
      comment:
        'Another workspace is used through its package entry (`@vibecode/<name>` and its `exports`), never by a ' +
        'relative path into its src/ or test/.',
      severity: 'error',
      from: { path: `^${WORKSPACE}/` },
      to: reachingIn,
    },
    {
      name: 'no-unresolved-imports',
      comment:
        'An import nothing resolves escapes every rule above (so does a `@vibecode/<name>/<path>` its package does ' +
        "not export). Only the runtimes' own modules and SvelteKit's aliases resolve at build time; web's `$lib/` " +
        'imports come from its routes, which nothing imports, so they cannot close a cycle.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: ['^cloudflare:', '^\\$(app|lib)/', '^\\./\\$types$'] },
    },
    {
      name: 'no-cycles',
      comment:
        'Modules import each other one way, types included: a cycle is two concepts that want to be one, or a ' +
        'missing port.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: [
        'node_modules',
        '(^|/)\\.svelte-kit/',
        '(^|/)\\.wrangler/',
        '(^|/)build/',
        '(^|/)dist/',
        '(^|/)\\.test-results/',
      ],
    },
    // `import type` counts: a type-only arrow still ties two parts' compiles together.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'svelte', 'import', 'default'],
      mainFields: ['module', 'main', 'types'],
    },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
