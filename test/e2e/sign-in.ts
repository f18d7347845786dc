/** Signs a browser page in the way a person does locally: landing → email → dev outbox link → confirm. */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * The client address this person's requests come from, as Cloudflare's edge passes it (`CF-Connecting-IP`; locally
 * miniflare sets it only when a request has none): one per email address, in 198.18.0.0/15 (reserved for tests).
 * The files sharing one system (shared-system.ts) are many people on one loopback address; without it their
 * sign-ins would add up against the limit of 20 sign-in mails per client address an hour (core's rate-limit.ts).
 */
function clientAddress(email: string): string {
  const [a = 0, b = 0, c = 0] = createHash('sha256').update(email).digest();
  return `198.${18 + (a % 2)}.${b}.${c}`;
}

/** The newest sign-in link the dev outbox holds for `email`, once it holds one (the mail is sent after the reply). */
async function newestLink(page: Page, email: string): Promise<string> {
  const find = () =>
    page.evaluate(
      (to) =>
        fetch('/api/dev/outbox')
          .then((res) => res.json() as Promise<{ to: string; link: string }[]>)
          .then((mails) => mails.find((mail) => mail.to === to)?.link ?? ''),
      email.trim().toLowerCase(),
    );
  await expect.poll(find, { timeout: 30_000, interval: 100 }).not.toBe('');
  return find();
}

export async function signIn(page: Page, origin: string, email: string): Promise<void> {
  await openSignInLink(page, origin, email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/dashboard');
  // The dashboard renders in the browser once its data is in: signed in means it shows.
  await page.getByRole('heading', { name: 'Your servers' }).waitFor();
}

/** The first part of `signIn`: landing → email → dev outbox link, up to the link's confirm page (not confirmed). */
export async function openSignInLink(page: Page, origin: string, email: string): Promise<void> {
  await page.setExtraHTTPHeaders({ 'cf-connecting-ip': clientAddress(email) });
  const landing = await page.goto(`${origin}/`);
  const start = page.getByRole('link', { name: 'Continue with email' });
  await start.waitFor().catch(async (error: unknown) => {
    // Once, a page without it came (CI, a loaded run): say what came instead.
    const body = await page
      .locator('body')
      .textContent()
      .catch(() => null);
    const shown = (body ?? '').trim().slice(0, 500);
    throw new Error(`no "Continue with email" on ${page.url()} (answered ${landing?.status()}): ${shown}`, {
      cause: error,
    });
  });
  await start.click();
  await page.waitForURL('**/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.waitForURL('**/signin/check-email?email=*');
  await expect.poll(() => page.getByRole('heading', { name: 'Check your email' }).count()).toBe(1);
  // The page reads the outbox once, as it opens, and shows the newest mail when none is to this address yet: on a
  // shared system, another person's. Then it is opened again, now that this address's mail is there.
  const link = await newestLink(page, email);
  const shown = page.getByRole('link', { name: 'Open the sign-in link' });
  await page.getByRole('heading', { name: 'Local dev outbox' }).waitFor();
  if ((await shown.count()) === 0 || (await shown.getAttribute('href')) !== link) await page.reload();
  await shown.click();
  await page.waitForURL('**/auth/verify?token=*');
}

/** Opens the header's account menu (the address it names, and the sign-out buttons). */
export async function openAccountMenu(page: Page): Promise<void> {
  await page.locator('details.account > summary').click();
  await page.getByRole('button', { name: 'Sign out everywhere' }).waitFor();
}

/** The signed-in user's id, read through the page's own session. */
export async function userId(page: Page): Promise<string> {
  const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
  return (me as { user: { id: string } }).user.id;
}
