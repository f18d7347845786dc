/**
 * `npm run check` refuses an unused export and an unused file: knip with the repo's knip.jsonc on a synthetic
 * workspace tree (tools.ts) passes as built, and fails naming the export or file once one is added.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knip, syntheticTree, type Tree } from './tools.ts';

let tree: Tree;

beforeEach(() => {
  tree = syntheticTree();
  tree.write('core/src/index.ts', "export { rule } from './rule.ts';\n");
  tree.write('core/src/rule.ts', 'export const rule = 1;\n');
});

afterEach(() => tree.remove());

describe('knip', () => {
  it('passes the tree as built', () => {
    const { status, output } = knip(tree.dir);
    expect(status, output).toBe(0);
  }, 60_000);

  it('fails on an export nothing imports', () => {
    tree.write('core/src/rule.ts', 'export const rule = 1;\nexport const forgottenRule = 2;\n');
    const { status, output } = knip(tree.dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(/Unused exports[\s\S]*forgottenRule/);
  }, 60_000);

  it('fails on a file nothing imports', () => {
    tree.write('core/src/orphan.ts', 'export const orphan = 1;\n');
    const { status, output } = knip(tree.dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(/Unused files[\s\S]*core\/src\/orphan\.ts/);
  }, 60_000);
});
