import { FILE_TRANSFER_TIMEOUT_MS } from '@vibecode/schemas';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { downloadFile, downloadName } from './download.ts';
import { filesUrl } from './upload.ts';

describe('files paths', () => {
  it('saves a download under the last path segment', () => {
    expect(downloadName('notes.txt')).toBe('notes.txt');
    expect(downloadName('src/app/main.ts')).toBe('main.ts');
    expect(downloadName('dir/')).toBe('dir');
  });

  it('builds the files URL with both parts escaped', () => {
    expect(filesUrl('s/1', 'a b/c&d.txt')).toBe('/api/sessions/s%2F1/files?path=a%20b%2Fc%26d.txt');
  });
});

/** A response that sends `first` and then nothing more until the request is aborted, which errors it. */
function stalledFetch(first: Uint8Array) {
  return async (_url: string, init?: RequestInit) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(first);
        init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
      },
    });
    return new Response(body, { headers: { 'content-length': '100' } });
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).code;
}

describe('downloadFile', () => {
  afterEach(() => vi.useRealTimers());

  it('reports progress from the bytes read and saves the file under its name', async () => {
    const parts = [new Uint8Array(3), new Uint8Array(5), new Uint8Array(2)];
    const urls: string[] = [];
    const fetchFn = async (url: string) => {
      urls.push(url);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-length': '10' } });
    };
    const progress: [number, number][] = [];
    const saved: [number, string][] = [];
    const size = await downloadFile('s1', 'src/a b.txt', {
      signal: new AbortController().signal,
      onProgress: (loaded, total) => progress.push([loaded, total]),
      fetchFn,
      save: (file, name) => saved.push([file.size, name]),
    });
    expect(size).toBe(10);
    expect(urls).toEqual(['/api/sessions/s1/files?path=src%2Fa%20b.txt']);
    expect(progress).toEqual([
      [0, 10],
      [3, 10],
      [8, 10],
      [10, 10],
    ]);
    expect(saved).toEqual([[10, 'a b.txt']]);
  });

  it("throws the API's typed error and saves nothing", async () => {
    const save = vi.fn();
    const fetchFn = async () =>
      Response.json({ error: { code: 'file.not_found', message: 'the file is gone' } }, { status: 404 });
    const options = { signal: new AbortController().signal, onProgress() {}, fetchFn, save };
    expect(await codeOf(downloadFile('s1', 'gone.txt', options))).toBe('file.not_found');
    expect(save).not.toHaveBeenCalled();
  });

  it('stops on Cancel and says it was cancelled', async () => {
    const cancel = new AbortController();
    const save = vi.fn();
    const download = downloadFile('s1', 'big.bin', {
      signal: cancel.signal,
      onProgress: (loaded) => loaded > 0 && cancel.abort(),
      fetchFn: stalledFetch(new Uint8Array(10)),
      save,
    });
    expect(await codeOf(download)).toBe('download.cancelled');
    expect(save).not.toHaveBeenCalled();
  });

  it('gives up at the 5-minute cap, not before, and says why', async () => {
    vi.useFakeTimers();
    const save = vi.fn();
    let settled = false;
    const download = downloadFile('s1', 'slow.bin', {
      signal: new AbortController().signal,
      onProgress() {},
      fetchFn: stalledFetch(new Uint8Array(10)),
      save,
    });
    const code = codeOf(download);
    void download.catch(() => undefined).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(FILE_TRANSFER_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await code).toBe('file.timeout');
    expect(save).not.toHaveBeenCalled();
  });
});
