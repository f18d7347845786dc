/**
 * Streams an HTTP(S) download into a sink, bounded three ways: no response headers within `connectTimeoutMs`
 * (a host that drops packets would otherwise hang for minutes), the whole transfer within `timeoutMs`, and at
 * most `maxBytes` (refused up front when Content-Length says more, cut off when the stream passes it).
 */
import { GatewayError } from '../errors.ts';
import { updateError } from './update-error.ts';

export interface DownloadLimits {
  maxBytes: number;
  connectTimeoutMs: number;
  timeoutMs: number;
}

export interface DownloadOptions {
  /** Called after every chunk; the caller decides how often to report it. */
  onProgress?: (received: number, total: number | undefined) => void;
  /** Aborts the transfer (the daemon is stopping). */
  signal?: AbortSignal;
}

/** A release tarball carries Node.js and npm (~50 MiB gzip'd); four times that is no release. */
export const RELEASE_LIMITS: DownloadLimits = {
  maxBytes: 256 * 1024 * 1024,
  connectTimeoutMs: 15_000,
  timeoutMs: 10 * 60_000,
};

/** A detached DER ECDSA signature is ~72 bytes. */
export const SIGNATURE_LIMITS: DownloadLimits = { maxBytes: 4096, connectTimeoutMs: 15_000, timeoutMs: 60_000 };

/** Only http(s): the signature, not the transport, is what makes a release trusted. */
export function checkDownloadUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw updateError('update.bad_request', `not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw updateError('update.bad_request', `only http(s) downloads, not ${url.protocol}`);
  return url;
}

function describe(e: unknown): string {
  const err = e as Error & { cause?: { message?: string; code?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message} (${cause})` : String(err.message ?? e);
}

/** Downloads `url` into `sink` chunk by chunk; resolves to the byte count. Throws typed `update.*` errors. */
export async function download(
  url: string,
  sink: (chunk: Uint8Array) => Promise<void> | void,
  limits: DownloadLimits,
  options: DownloadOptions = {},
): Promise<number> {
  const target = checkDownloadUrl(url);
  const controller = new AbortController();
  const abort = (reason: GatewayError) => controller.abort(reason);
  const connectTimer = setTimeout(
    () =>
      abort(
        updateError('update.download_failed', `no answer from ${target.host} within ${limits.connectTimeoutMs} ms`),
      ),
    limits.connectTimeoutMs,
  );
  const overallTimer = setTimeout(
    () => abort(updateError('update.download_failed', `download did not finish within ${limits.timeoutMs} ms`)),
    limits.timeoutMs,
  );
  const onOuterAbort = () => abort(updateError('update.download_failed', 'download cancelled'));
  if (options.signal?.aborted) onOuterAbort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    const res = await fetch(target, { signal: controller.signal, redirect: 'follow' });
    clearTimeout(connectTimer);
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw updateError('update.download_failed', `${target.host} answered ${res.status} for ${target.pathname}`);
    }
    const header = res.headers.get('content-length');
    const total = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
    if (total !== undefined && total > limits.maxBytes) {
      await res.body.cancel();
      throw updateError('update.too_large', `${total} bytes is over the ${limits.maxBytes}-byte limit`);
    }
    let received = 0;
    options.onProgress?.(0, total);
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > limits.maxBytes) {
        await reader.cancel();
        throw updateError('update.too_large', `the download passed the ${limits.maxBytes}-byte limit`);
      }
      await sink(value);
      options.onProgress?.(received, total);
    }
    if (total !== undefined && received !== total)
      throw updateError('update.download_failed', `got ${received} of ${total} bytes`);
    return received;
  } catch (e) {
    if (controller.signal.reason instanceof GatewayError) throw controller.signal.reason;
    if (e instanceof GatewayError) throw e;
    throw updateError('update.download_failed', `download from ${target.host} failed: ${describe(e)}`);
  } finally {
    clearTimeout(connectTimer);
    clearTimeout(overallTimer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}
