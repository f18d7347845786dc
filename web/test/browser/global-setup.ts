import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildHarness } from './build-harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    harnessDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = await buildHarness();
  project.provide('harnessDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
