/** The small pages of `/auth/verify`: no script, no external resources. */
import { maskEmail } from './email-address.ts';
import type { Confirmation } from './sign-in-confirmation.ts';

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}button{font-size:1rem;padding:.6rem 1.2rem}</style>
</head>
<body>
${body}
</body>
</html>
`;

/** Addresses are loosely shaped (`email-address.ts`), so anything from one is escaped. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** `token` is a well-formed base64url token (checked by the caller), so it needs no escaping. */
const form = (token: string, confirm: Confirmation, button: string) => `<form method="post" action="/auth/verify">
<input type="hidden" name="token" value="${token}">${
  confirm === 'none' ? '' : `\n<input type="hidden" name="confirm" value="${confirm}">`
}
<button type="submit">${button}</button>
</form>`;

/**
 * The confirm page for a live link: one click in the browser that asked for it; elsewhere the masked address and an
 * explicit extra step, and a warning when this browser is signed in as someone else (`sign-in-confirmation.ts`).
 */
export function confirmPage(
  token: string,
  required: Confirmation,
  linkEmail: string,
  signedInAs: string | null,
): string {
  const as = `<strong>${escapeHtml(maskEmail(linkEmail))}</strong>`;
  const button = escapeHtml(maskEmail(linkEmail));
  if (required === 'none') {
    return page('Sign in to VibeCode', `<h1>Sign in to VibeCode</h1>\n${form(token, 'none', 'Continue')}`);
  }
  const warning = `<p>Continue only if you asked for this link yourself. If someone sent it to you, close this page: it would sign you in to their account.</p>`;
  if (required === 'switch_account' && signedInAs !== null) {
    return page(
      'Switch account? — VibeCode',
      `<h1>Switch account?</h1>
<p data-confirm="switch_account">This browser is signed in as <strong>${escapeHtml(maskEmail(signedInAs))}</strong>. This link signs in as ${as}, and you asked for it in another browser.</p>
${warning}
${form(token, 'switch_account', `Sign out and continue as ${button}`)}
<p><a href="/">Stay signed in as ${escapeHtml(maskEmail(signedInAs))}</a></p>`,
    );
  }
  return page(
    'Sign in to VibeCode',
    `<h1>Sign in to VibeCode</h1>
<p data-confirm="other_browser">This link signs in as ${as}. You asked for it in another browser (or this browser has since cleared its cookies).</p>
${warning}
${form(token, 'other_browser', `Sign in as ${button}`)}`,
  );
}

export function invalidLinkPage(): string {
  return page(
    'Link expired',
    `<h1>This sign-in link can't be used</h1>
<p data-error-code="auth.invalid_token">It has expired or was already used. Ask for a new link on the sign-in page.</p>
<p><a href="/">Back to VibeCode</a></p>`,
  );
}
