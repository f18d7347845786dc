/**
 * DigitalOcean's authorization server, `/v1/oauth/*`: the consent page (`GET /authorize`, whose form POSTs back and
 * then redirects to `redirect_uri?code=&state=`), `POST /token` (authorization_code and refresh_token grants) and
 * `POST /revoke`. Parameters come from the query string or a form body, as DigitalOcean accepts both.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, parseParams, redirect, sendHtml, sendJson } from './http.ts';
import type { OAuthFailure, OAuthStore } from './oauth-store.ts';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Registered callback URLs. Without a list, any http(s) URL on a loopback host is accepted (local development). */
  redirectUris?: string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function redirectUriAllowed(client: OAuthClient, uri: string): boolean {
  if (client.redirectUris) return client.redirectUris.includes(uri);
  try {
    const u = new URL(uri);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK.has(u.hostname);
  } catch {
    return false;
  }
}

function withParams(uri: string, params: Record<string, string>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

function errorPage(res: ServerResponse, status: number, message: string): void {
  sendHtml(
    res,
    status,
    `<!doctype html><meta charset="utf-8"><title>Authorization error</title><h1>Authorization error</h1><p>${escapeHtml(message)}</p>`,
  );
}

function consentPage(params: URLSearchParams, scope: string): string {
  const hidden = ['client_id', 'redirect_uri', 'response_type', 'state']
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params.get(k) ?? '')}">`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize application · localcloud</title></head>
<body>
<h1>Authorize application</h1>
<p>An application wants access to your localcloud (DigitalOcean stand-in) team with scope <code>${escapeHtml(scope)}</code>.</p>
<form method="post" action="/v1/oauth/authorize">${hidden}<input type="hidden" name="scope" value="${escapeHtml(scope)}">
<button type="submit" name="decision" value="approve">Authorize application</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
</body></html>`;
}

function oauthError(res: ServerResponse, failure: OAuthFailure): void {
  sendJson(res, failure.status, { error: failure.error, error_description: failure.error_description });
}

export function createOAuthHandler(client: OAuthClient, store: OAuthStore) {
  function authorize(req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
    const params = req.method === 'POST' ? parseParams(req, url, body) : url.searchParams;
    const clientId = params.get('client_id') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    // Never redirect to an unverified URI: a bad client or callback gets an error page (RFC 6749 §4.1.2.1).
    if (!sameSecret(clientId, client.clientId)) return errorPage(res, 400, 'Unknown client_id.');
    if (!redirectUriAllowed(client, redirectUri)) return errorPage(res, 400, 'redirect_uri is not registered.');
    const state = params.get('state') ?? '';
    const back = (p: Record<string, string>) => redirect(res, withParams(redirectUri, state ? { ...p, state } : p));
    if (params.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    const scope = (params.get('scope') ?? '').trim() || 'read';
    if (req.method === 'GET') return sendHtml(res, 200, consentPage(params, scope));
    if (params.get('decision') !== 'approve') return back({ error: 'access_denied' });
    back({ code: store.issueCode(clientId, redirectUri, scope) });
  }

  function tokenEndpoint(req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
    const params = parseParams(req, url, body);
    const grantType = params.get('grant_type');
    if (grantType === 'refresh_token') {
      const result = store.refresh(params.get('refresh_token') ?? '');
      return 'error' in result ? oauthError(res, result) : sendJson(res, 200, result);
    }
    if (grantType !== 'authorization_code') {
      return oauthError(res, { status: 400, error: 'unsupported_grant_type', error_description: 'Unsupported grant.' });
    }
    let clientId = params.get('client_id') ?? '';
    let secret = params.get('client_secret') ?? '';
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic?.[1]) [clientId = '', secret = ''] = Buffer.from(basic[1], 'base64').toString().split(':');
    if (!sameSecret(clientId, client.clientId) || !sameSecret(secret, client.clientSecret)) {
      return oauthError(res, {
        status: 401,
        error: 'invalid_client',
        error_description: 'Client authentication failed.',
      });
    }
    const result = store.redeemCode(params.get('code') ?? '', clientId, params.get('redirect_uri') ?? '');
    return 'error' in result ? oauthError(res, result) : sendJson(res, 200, result);
  }

  function revoke(req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
    const params = parseParams(req, url, body);
    const tokenValue = params.get('token');
    if (!tokenValue) {
      return oauthError(res, { status: 400, error: 'invalid_request', error_description: 'token is required.' });
    }
    store.revoke(tokenValue);
    sendJson(res, 200, {});
  }

  return function handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): boolean {
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /v1/oauth/authorize' || route === 'POST /v1/oauth/authorize') authorize(req, res, url, body);
    else if (route === 'POST /v1/oauth/token') tokenEndpoint(req, res, url, body);
    else if (route === 'POST /v1/oauth/revoke') revoke(req, res, url, body);
    else return false;
    return true;
  };
}
