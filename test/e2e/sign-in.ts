/** Signs a browser page in the way a person does locally: landing → email → dev outbox link → confirm. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function signIn(page: Page, origin: string, email: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole('link', { name: 'Continue with email' }).click();
  await page.waitForURL('**/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.waitForURL('**/signin/check-email?email=*');
  await expect.poll(() => page.getByRole('heading', { name: 'Check your email' }).count()).toBe(1);
  await page.getByRole('link', { name: 'Open the sign-in link' }).click();
  await page.waitForURL('**/auth/verify?token=*');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/dashboard');
}

/** The signed-in user's id, read through the page's own session. */
export async function userId(page: Page): Promise<string> {
  const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
  return (me as { user: { id: string } }).user.id;
}
