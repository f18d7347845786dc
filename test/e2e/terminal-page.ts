/** Driving a session's page as a person does: start a session from the server page, type into its terminal. */
import type { Page } from 'playwright-core';

/**
 * From the server page: a new shell session titled `title`. "New session" opens its terminal; this goes back and
 * resolves once the server page's list shows it.
 */
export async function createShell(page: Page, title: string): Promise<void> {
  const server = page.url();
  await page.getByLabel('Agent', { exact: true }).selectOption('shell');
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'New session' }).click();
  await page.waitForURL('**/vps/*/sessions/*');
  await page.goto(server);
  await page.getByRole('link', { name: title }).waitFor();
}

/**
 * A new shell session titled `title` on `vpsId`, made through the API from `page` (signed in, same Origin), for files
 * about something other than the form that creates one; resolves with its id.
 */
export function createShellThroughApi(page: Page, vpsId: string, title: string): Promise<string> {
  return page.evaluate(
    async ([vps, name]) => {
      const res = await fetch(`/api/vps/${vps}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: name, agent_type: 'shell' }),
      });
      if (!res.ok) throw new Error(`creating the session answered ${res.status}`);
      return ((await res.json()) as { session: { id: string } }).session.id;
    },
    [vpsId, title] as const,
  );
}

/** From the server page: opens the session titled `title`; resolves on its page. */
export async function openSession(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: title }).click();
  await page.waitForURL('**/vps/*/sessions/*');
}

/** Types `command` and Enter into the terminal. */
export async function typeCommand(page: Page, command: string): Promise<void> {
  await page.locator('.xterm').click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

/** The terminal's buffer lines (scrollback included), trimmed. */
export async function terminalLines(page: Page): Promise<string[]> {
  const lines = await page.evaluate(() => window.__vibeTerminal?.lines() ?? []);
  return lines.map((line) => line.trim());
}

/** The status pill's text: Connected, Reconnecting…, Server offline, … */
export function terminalStatus(page: Page): Promise<string | null> {
  return page.locator('.vt-pill').textContent();
}
