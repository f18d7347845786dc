/**
 * The fault suite's shared parts, registered once per test file: one stack for every case (starting it is most of
 * the suite's time), the viewers each case opens, and whatever else a case leaves to close afterwards.
 */
import { afterAll, beforeAll } from 'vitest';
import { type FaultStack, startFaultStack } from './fault-stack.ts';
import { Viewer, type ViewerOptions } from './viewer.ts';

export interface FaultSuite {
  readonly stack: FaultStack;
  /** Opens a viewer (the web app's SessionLink) on `session`; it is disposed after the file. */
  viewer(session: { id: string; number: number }, options?: ViewerOptions): Viewer;
  /** Runs `cleanup` after the file, before the stack stops. */
  defer(cleanup: () => Promise<void> | void): void;
}

export function faultSuite(): FaultSuite {
  let stack: FaultStack | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    stack = await startFaultStack();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await stack?.stop();
  });
  return {
    get stack() {
      if (!stack) throw new Error('the fault stack is not running');
      return stack;
    },
    viewer(session, options) {
      const viewer = new Viewer(this.stack.browser, session, options);
      cleanups.push(() => viewer.dispose());
      return viewer;
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
  };
}
