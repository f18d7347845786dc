/**
 * The Worker serves the built web app, so the web build runs first (test/e2e's setup) — as root only: run as
 * another user, droplet.test.ts fails at once with the reason, which a failing web build would hide.
 */
import buildWeb from '../e2e/global-setup.ts';

export default function setup(): void {
  if (process.getuid?.() === 0) buildWeb();
}
