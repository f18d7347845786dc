/** The two small pages of `/auth/verify`: no script, no external resources. */

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

/** `token` is a well-formed base64url token (checked by the caller), so it needs no escaping. */
export function confirmPage(token: string): string {
  return page(
    'Sign in to VibeCode',
    `<h1>Sign in to VibeCode</h1>
<form method="post" action="/auth/verify">
<input type="hidden" name="token" value="${token}">
<button type="submit">Continue</button>
</form>`,
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
