/**
 * The URL rule for Mini App buttons (inline `web_app` buttons and the `web_app` menu button). Telegram takes https
 * only ("… Web App URL '<url>' is invalid: Only HTTPS links are allowed"); the stand-in also takes http on a
 * loopback host, a documented deviation so local runs (`npm start`, the test stacks) can open the app.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why `url` cannot open a Mini App (Telegram's words after "URL '<url>' is invalid: "), or undefined when it can. */
export function webAppUrlProblem(url: string): string | undefined {
  const text = url.trim();
  if (text === '') return 'URL host is empty';
  // Like Telegram, a link without a scheme is read as http.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return 'Wrong HTTP URL';
  }
  if (parsed.hostname === '') return 'URL host is empty';
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return undefined;
  return 'Only HTTPS links are allowed';
}
