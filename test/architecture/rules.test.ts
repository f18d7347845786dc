/**
 * `npm run check` refuses a forbidden import, a cycle and an import into another workspace's internals: the repo's
 * own .dependency-cruiser.cjs runs on a synthetic tree (tools.ts) holding one probe file per rule, beside imports the
 * rules allow, and each probe is refused by the rule meant for it and no other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cruise, syntheticTree, type Tree, type Violation } from './tools.ts';

/**
 * Probe file → its text, the other files of its cycle (a cycle is reported once, from any of its files), and the
 * rules that must refuse it (none: the import is allowed).
 */
const probes: Record<string, { text: string; loop?: Record<string, string>; refusedBy: string[] }> = {
  'core/src/uses-channels.ts': { text: "import '@vibecode/channels';\n", refusedBy: ['core-stays-core'] },
  'core/src/uses-web.ts': { text: "import '@vibecode/web';\n", refusedBy: ['core-stays-core'] },
  'core/src/uses-telegram.ts': { text: "import '@vibecode/telegram';\n", refusedBy: ['core-stays-core'] },
  'core/src/uses-worker.ts': {
    text: "import '@vibecode/worker';\n",
    refusedBy: ['core-stays-core', 'nothing-imports-the-worker'],
  },
  'core/src/uses-localcloud.ts': {
    text: "import '@vibecode/localcloud';\n",
    refusedBy: ['core-runs-without-stand-ins'],
  },
  'core/test/uses-localcloud.ts': { text: "import '@vibecode/localcloud';\n", refusedBy: [] },
  'schemas/src/uses-core.ts': { text: "import '@vibecode/core';\n", refusedBy: ['schemas-is-the-root'] },
  'gateway/src/uses-core.ts': { text: "import '@vibecode/core';\n", refusedBy: ['gateway-shares-only-the-protocol'] },
  'web/src/uses-gateway.ts': { text: "import '@vibecode/gateway';\n", refusedBy: ['web-never-imports-the-gateway'] },
  'channels/src/uses-core.ts': {
    text: "import type { part } from '@vibecode/core';\nexport type P = typeof part;\n",
    refusedBy: ['channels-use-core-ports-only'],
  },
  'channels/src/uses-ports.ts': { text: "export type { Port } from '@vibecode/core/ports';\n", refusedBy: [] },
  'channels/src/uses-telegram.ts': {
    text: "import '@vibecode/telegram';\n",
    refusedBy: ['channels-never-import-telegram'],
  },
  'fakes/src/uses-worker.ts': { text: "import '@vibecode/worker';\n", refusedBy: ['nothing-imports-the-worker'] },
  'localcloud/src/reaches-in.ts': {
    text: "import '../../gateway/src/index.ts';\n",
    refusedBy: ['no-reaching-into-another-workspace'],
  },
  'localcloud/src/uses-gateway.ts': { text: "import '@vibecode/gateway';\n", refusedBy: [] },
  'test/system/reaches-in.ts': {
    text: "import '../../web/test/helper.ts';\n",
    refusedBy: ['no-reaching-into-another-workspace'],
  },
  // test/e2e takes web's browser launcher from its published entry (`@vibecode/web/testing/chromium`), not by path.
  'test/e2e/reaches-in.ts': {
    text: "import '../../web/test/browser/chromium.ts';\n",
    refusedBy: ['no-reaching-into-another-workspace'],
  },
  'bench/src/unexported.ts': { text: "import '@vibecode/core/src/ports.ts';\n", refusedBy: ['no-unresolved-imports'] },
  'gateway/src/loop-a.ts': {
    text: "import './loop-b.ts';\n",
    loop: { 'gateway/src/loop-b.ts': "import './loop-a.ts';\n" },
    refusedBy: ['no-cycles'],
  },
  'fakes/src/type-loop-a.ts': {
    text: "import type { B } from './type-loop-b.ts';\nexport type A = { b?: B };\n",
    loop: { 'fakes/src/type-loop-b.ts': "import type { A } from './type-loop-a.ts';\nexport type B = { a?: A };\n" },
    refusedBy: ['no-cycles'],
  },
  'worker/src/index.ts': {
    text: ['core', 'channels', 'web', 'telegram'].map((name) => `import '@vibecode/${name}';\n`).join(''),
    refusedBy: [],
  },
};

let tree: Tree;
let violations: Violation[];

beforeAll(() => {
  tree = syntheticTree();
  tree.write('web/test/helper.ts', 'export const helper = 1;\n');
  tree.write('web/test/browser/chromium.ts', 'export const launch = 1;\n');
  for (const [path, { text, loop = {} }] of Object.entries(probes)) {
    for (const [file, content] of Object.entries({ [path]: text, ...loop })) tree.write(file, content);
  }
  violations = cruise(tree.dir);
}, 60_000);

afterAll(() => tree.remove());

describe('the dependency rules', () => {
  const filesOf = (path: string) => [path, ...Object.keys(probes[path]?.loop ?? {})];

  it.each(Object.entries(probes))('%s', (path, { refusedBy }) => {
    const mine = violations.filter((v) => filesOf(path).includes(v.from));
    expect([...new Set(mine.map((v) => v.rule.name))].sort()).toEqual([...refusedBy].sort());
  });

  it('find nothing else in the tree', () => {
    const probed = Object.keys(probes).flatMap(filesOf);
    expect(violations.filter((v) => !probed.includes(v.from))).toEqual([]);
  });
});
