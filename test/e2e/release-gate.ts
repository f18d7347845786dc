/**
 * A promise the test settles when it is ready: a Playwright route handler awaits `released` to hold a request (or
 * its response) until the test has seen what the page shows meanwhile, then calls `release()`.
 */
export function releaseGate(): { released: Promise<void>; release(): void } {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { released, release };
}
