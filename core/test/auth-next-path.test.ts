/**
 * After sign-in the person lands where they were going: the sign-in request's `next` rides in the mailed link,
 * through the confirm page's form, to the redirect. Only a same-origin path gets through at each step (an open
 * redirect would hand a fresh sign-in to a look-alike site); the pages stay script-free and name the masked address.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_COOKIE,
  issueTestLink,
  latestMail,
  nextIp,
  ORIGIN,
  sessionCookieOf,
  tokenFromLink,
  uniqueEmail,
} from './helpers/auth.ts';

const DEEP = '/vps/9f1c/sessions/77a2?view=files#top';
const UNSAFE = [
  '//evil.example',
  '/\\evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  '/\t/evil.example',
];

function askForLink(body: Record<string, unknown>): Promise<Response> {
  return exports.default.fetch(`${ORIGIN}/api/auth/magic-link`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'content-type': 'application/json',
      'cf-connecting-ip': nextIp(),
      cookie: BROWSER_COOKIE,
    },
    body: JSON.stringify(body),
  });
}

const openLink = (query: string) =>
  exports.default.fetch(`${ORIGIN}/auth/verify?${query}`, { headers: { cookie: BROWSER_COOKIE } });

function confirm(fields: Record<string, string>): Promise<Response> {
  return exports.default.fetch(`${ORIGIN}/auth/verify`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', cookie: BROWSER_COOKIE },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

describe('sign-in lands where the person was going', () => {
  it('carries next from the request, through the mail and the confirm page, to the redirect', async () => {
    const email = uniqueEmail('deep');
    expect((await askForLink({ email, next: DEEP })).status).toBe(202);
    const link = new URL((await latestMail(email)).link);
    expect(link.searchParams.get('next')).toBe(DEEP);

    const page = await openLink(link.search.slice(1));
    const html = await page.text();
    expect(html).toContain('<input type="hidden" name="next" value="/vps/9f1c/sessions/77a2?view=files#top">');
    const res = await confirm({ token: tokenFromLink(link.href), next: DEEP });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(DEEP);
    expect(sessionCookieOf(res)).toMatch(/^vibe_session=/);
  });

  it('refuses an unsafe next in the request with 400 and sends no link', async () => {
    for (const next of [...UNSAFE, 'x'.repeat(10), `/${'a'.repeat(1024)}`, 42]) {
      const email = uniqueEmail('unsafe');
      const res = await askForLink({ email, next });
      expect({
        next,
        status: res.status,
        code: ((await res.json()) as { error: { code: string } }).error.code,
      }).toEqual({ next, status: 400, code: 'http.invalid_body' });
    }
    const outbox = (await (await exports.default.fetch(`${ORIGIN}/api/dev/outbox`)).json()) as { to: string }[];
    expect(outbox.filter((m) => m.to.startsWith('unsafe-'))).toEqual([]);
  });

  it('drops an unsafe next met in the link or the form: the page leaves it out and sign-in lands on /', async () => {
    for (const next of UNSAFE) {
      const token = await issueTestLink(uniqueEmail('dropped'));
      const html = await (await openLink(`token=${token}&next=${encodeURIComponent(next)}`)).text();
      expect(html).not.toContain('name="next"');
      expect(html).not.toContain('evil.example');
      const res = await confirm({ token, next });
      expect({ next, location: res.headers.get('location') }).toEqual({ next, location: '/' });
    }
  });

  it('escapes next in the page it is written into', async () => {
    const token = await issueTestLink(uniqueEmail('escape'));
    const html = await (await openLink(`token=${token}&next=${encodeURIComponent('/a"><b>x')}`)).text();
    expect(html).toContain('<input type="hidden" name="next" value="/a&#34;&#62;&#60;b&#62;x">');
    expect(html).not.toContain('<b>x');
  });

  it('keeps next on the way back to sign-in from a link that cannot be used', async () => {
    const res = await openLink(`token=${'A'.repeat(43)}&next=${encodeURIComponent('/vps/1')}`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<a href="/signin?next=%2Fvps%2F1">Get a new sign-in link</a>');
    expect(html).toContain('Code: auth.invalid_token');
  });
});

describe('the confirm page', () => {
  it("names the masked address, in the app's look, with no script and the same CSP", async () => {
    const token = await issueTestLink('jane.doe@example.com');
    const res = await openLink(`token=${token}`);
    const html = await res.text();
    expect(html).toContain('<p data-confirm="none">This link signs in as <strong>j•••@example.com</strong>.</p>');
    expect(html).not.toContain('jane.doe');
    expect(html).toContain('--accent:#047857');
    expect(html).toContain('<header><a href="/">VibeCode</a></header>');
    expect(html).not.toMatch(/<script|\son[a-z]+=|<link|<img|url\(/i);
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    );
  });
});
