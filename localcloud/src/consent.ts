/**
 * What a person does on the consent page, for tests and scripted runs: open the authorize URL, submit its form
 * with Authorize (or Deny), and return the redirect back to the client without following it.
 */
export async function answerConsent(authorizeUrl: string, decision: 'approve' | 'deny' = 'approve'): Promise<URL> {
  const page = await fetch(authorizeUrl);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)) {
    const value = (m[2] as string)
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    form.set(m[1] as string, value);
  }
  form.set('decision', decision);
  const action = new URL('/v1/oauth/authorize', authorizeUrl);
  const res = await fetch(action, { method: 'POST', body: form, redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`consent form answered ${res.status}`);
  return new URL(location);
}
