/**
 * The Worker serves the built web app, so the test build must exist; it is made only when missing
 * (test/e2e/system.ts `ensureWebBuild`, as test/fault does): this test reads no page, so the one `npm test`'s e2e
 * suite has just made serves as well as a second build would. As root only: run as another user, droplet.test.ts
 * fails at once with the reason, which a failing web build would hide.
 */
import { ensureWebBuild } from '../e2e/system.ts';

export default function setup(): void {
  if (process.getuid?.() === 0) ensureWebBuild();
}
