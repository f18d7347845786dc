/**
 * Login CSRF (issue 14 point 2): a sign-in link opened in a browser other than the one that asked for it needs an
 * extra confirmation that names the masked address, and never silently switches a signed-in browser to another
 * account (an attacker mails a victim a link to the attacker's account; a victim who then connects DigitalOcean
 * would store the grant under the attacker's user).
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_COOKIE,
  confirmSignIn,
  latestMail,
  ORIGIN,
  requestMagicLink,
  sessionCookieOf,
  signIn,
  tokenFromLink,
} from './helpers/auth.ts';

const me = async (cookie: string) => {
  const res = await exports.default.fetch(`${ORIGIN}/api/me`, { headers: { cookie } });
  return res.status === 200 ? ((await res.json()) as { user: { email: string } }).user.email : res.status;
};
const openLink = (token: string, cookie = '') =>
  exports.default.fetch(`${ORIGIN}/auth/verify?token=${token}`, { headers: cookie ? { cookie } : {} });

/** The attacker's browser: its own sign-in cookie, never seen by the victim's. */
const ATTACKER_BROWSER = 'vibe_signin=attacker-browser-nonce-0123456789abcdefABCD';

async function linkFor(local: string, browser = BROWSER_COOKIE): Promise<{ email: string; token: string }> {
  const email = `${local}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  expect((await requestMagicLink(email, undefined, browser)).status).toBe(202);
  return { email, token: tokenFromLink((await latestMail(email)).link) };
}

describe('sign-in link opened in the browser that asked for it', () => {
  it('sets a short-lived sign-in cookie with the request and signs in at one click', async () => {
    const email = `jane-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const asked = await requestMagicLink(email, undefined, '');
    const cookie = asked.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^vibe_signin=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=900$/);
    const browser = cookie.split(';')[0] as string;
    const token = tokenFromLink((await latestMail(email)).link);

    const page = await (await openLink(token, browser)).text();
    expect(page).toContain('<button type="submit">Continue</button>');
    expect(page).not.toContain('name="confirm"');
    const res = await confirmSignIn(token, {}, { browser });
    expect(res.status).toBe(303);
    expect(await me(sessionCookieOf(res))).toBe(email);
  });
});

describe('sign-in link opened in another browser', () => {
  it('names the masked address and signs in only after the extra confirmation', async () => {
    const { email, token } = await linkFor('jane', ATTACKER_BROWSER);
    for (const browser of ['', BROWSER_COOKIE]) {
      const page = await openLink(token, browser);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('This link signs in as <strong>j•••@example.com</strong>.');
      expect(html).toContain('You asked for it in another browser');
      expect(html).toContain('<input type="hidden" name="confirm" value="other_browser">');
      expect(html).toContain('<button type="submit">Sign in as j•••@example.com</button>');
      expect(html).not.toContain(email);
    }

    // The one-click form (or a forged one) does not sign in; it asks again and leaves the token unused.
    const unconfirmed = await confirmSignIn(token);
    expect(unconfirmed.status).toBe(200);
    expect(unconfirmed.headers.get('set-cookie')).toBeNull();
    expect(await unconfirmed.text()).toContain('name="confirm" value="other_browser"');

    const confirmed = await confirmSignIn(token, {}, { confirm: 'other_browser' });
    expect(confirmed.status).toBe(303);
    expect(await me(sessionCookieOf(confirmed))).toBe(email);
  });

  it('never switches a signed-in browser silently: it asks to sign out and continue as the other address', async () => {
    const victim = await signIn();
    const attacker = await linkFor('mallory', ATTACKER_BROWSER);
    const asVictim = `${victim.cookie}; ${BROWSER_COOKIE}`;

    const page = await (await openLink(attacker.token, asVictim)).text();
    expect(page).toContain('This browser is signed in as <strong>u•••@example.com</strong>.');
    expect(page).toContain('This link signs in as <strong>m•••@example.com</strong>');
    expect(page).toContain('<button type="submit">Sign out and continue as m•••@example.com</button>');
    expect(page).toContain('<input type="hidden" name="confirm" value="switch_account">');

    for (const confirm of [undefined, 'other_browser', 'yes']) {
      const res = await confirmSignIn(attacker.token, { cookie: victim.cookie }, { confirm });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain('name="confirm" value="switch_account"');
      expect(await me(victim.cookie)).toBe(victim.email);
    }

    const switched = await confirmSignIn(attacker.token, { cookie: victim.cookie }, { confirm: 'switch_account' });
    expect(switched.status).toBe(303);
    expect(await me(sessionCookieOf(switched))).toBe(attacker.email);
    expect(await me(victim.cookie)).toBe(401);
  });

  it('escapes the address it shows', async () => {
    const { token } = await linkFor("&o'neil", ATTACKER_BROWSER);
    const html = await (await openLink(token)).text();
    expect(html).toContain('This link signs in as <strong>&#38;•••@example.com</strong>.');
  });
});
