/**
 * The small pages of `/auth/verify`, in the web app's look (`page-style.ts`): no script, no external resources.
 * Each carries the `next` path (already checked by `safeNextPath`) the person was going to before signing in.
 */
import { maskEmail } from './email-address.ts';
import { MAGIC_LINK_TTL_MS } from './magic-link.ts';
import { PAGE_STYLE } from './page-style.ts';
import type { Confirmation } from './sign-in-confirmation.ts';

/** Addresses are loosely shaped (`email-address.ts`) and `next` is a path, so anything from either is escaped. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Laid out like the web app's sign-in page: the heading, then the card with what to do. */
const page = (title: string, heading: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><a href="/">VibeCode</a></header>
<main>
<h1>${heading}</h1>
<section>
${body}
</section>
</main>
</body>
</html>
`;

/** `token` is a well-formed base64url token (checked by the caller), so it needs no escaping. */
const form = (token: string, confirm: Confirmation, button: string, next: string | null) =>
  `<form method="post" action="/auth/verify">
<input type="hidden" name="token" value="${token}">${
    confirm === 'none' ? '' : `\n<input type="hidden" name="confirm" value="${confirm}">`
  }${next === null ? '' : `\n<input type="hidden" name="next" value="${escapeHtml(next)}">`}
<button type="submit">${button}</button>
</form>`;

/**
 * The confirm page for a live link: it always names the masked address it signs in; one click in the browser that
 * asked for it; elsewhere an explicit extra step, and a warning when this browser is signed in as someone else
 * (`sign-in-confirmation.ts`).
 */
export function confirmPage(
  token: string,
  required: Confirmation,
  linkEmail: string,
  signedInAs: string | null,
  next: string | null = null,
): string {
  const as = `<strong>${escapeHtml(maskEmail(linkEmail))}</strong>`;
  const button = escapeHtml(maskEmail(linkEmail));
  if (required === 'none') {
    return page(
      'Sign in to VibeCode',
      'Sign in to VibeCode',
      `<p data-confirm="none">This link signs in as ${as}.</p>
${form(token, 'none', 'Continue', next)}`,
    );
  }
  const warning = `<p>Continue only if you asked for this link yourself. If someone sent it to you, close this page: it would sign you in to their account.</p>`;
  if (required === 'switch_account' && signedInAs !== null) {
    return page(
      'Switch account? — VibeCode',
      'Switch account?',
      `<p data-confirm="switch_account">This browser is signed in as <strong>${escapeHtml(maskEmail(signedInAs))}</strong>. This link signs in as ${as}, and you asked for it in another browser.</p>
${warning}
${form(token, 'switch_account', `Sign out and continue as ${button}`, next)}
<p><a href="${escapeHtml(next ?? '/')}">Stay signed in as ${escapeHtml(maskEmail(signedInAs))}</a></p>`,
    );
  }
  return page(
    'Sign in to VibeCode',
    'Sign in to VibeCode',
    `<p data-confirm="other_browser">This link signs in as ${as}. You asked for it in another browser (or this browser has since cleared its cookies).</p>
${warning}
${form(token, 'other_browser', `Sign in as ${button}`, next)}`,
  );
}

/** An expired or used link: what happened, what to do, and the way back to sign-in (keeping where they were going). */
export function invalidLinkPage(next: string | null = null): string {
  const signIn = next === null ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;
  return page(
    'Link expired — VibeCode',
    "This sign-in link can't be used",
    `<p data-error-code="auth.invalid_token">It has expired or was already used. Each link works once, for ${MAGIC_LINK_TTL_MS / 60_000} minutes.</p>
<p><a href="${escapeHtml(signIn)}">Get a new sign-in link</a></p>
<p><small>Code: auth.invalid_token</small></p>`,
  );
}
