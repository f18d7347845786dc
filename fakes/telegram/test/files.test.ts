/** Uploads and downloads with plain fetch: multipart sendDocument, getFile, the download path, `/_fake/files`. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startFakeTelegram } from '../src/index.ts';
import { call, fake, json, TOKEN, USER, userMessage, userStartsChat } from './helpers.ts';

function documentForm(fields: Record<string, string>, file?: { name: string; data: string; type?: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('document', new Blob([file.data], { type: file.type ?? 'text/plain' }), file.name);
  return form;
}

it('takes a multipart upload, stores it under dataDir and serves it back through getFile', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fake-telegram-test-'));
  try {
    const f = await fake({ dataDir });
    await userStartsChat(f);
    const res = await fetch(`${f.url}/bot${TOKEN}/sendDocument`, {
      method: 'POST',
      body: documentForm(
        { chat_id: String(USER.id), caption: '<i>notes</i>', parse_mode: 'HTML' },
        { name: 'notes.txt', data: 'hello file' },
      ),
    });
    const sent = (await json(res)).result;
    expect(sent.document).toEqual({
      file_id: expect.any(String),
      file_unique_id: expect.any(String),
      file_name: 'notes.txt',
      mime_type: 'text/plain',
      file_size: 10,
    });
    expect(sent).toMatchObject({ caption: 'notes', caption_entities: [{ type: 'italic', offset: 0, length: 5 }] });
    expect(f.calls()[0]?.params).toMatchObject({
      chat_id: String(USER.id),
      document: { file_name: 'notes.txt', mime_type: 'text/plain', file_size: 10 },
    });

    const file = (await call(f, 'getFile', { file_id: sent.document.file_id })).body.result;
    expect(file).toEqual({
      file_id: sent.document.file_id,
      file_unique_id: sent.document.file_unique_id,
      file_size: 10,
      file_path: 'documents/file_0.txt',
    });
    expect(readFileSync(join(dataDir, 'files', file.file_path), 'utf8')).toBe('hello file');
    const download = await fetch(`${f.url}/file/bot${TOKEN}/${file.file_path}`);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('hello file');
    expect((await fetch(`${f.url}/file/bot123456:wrong/${file.file_path}`)).status).toBe(401);
    expect((await fetch(`${f.url}/file/bot${TOKEN}/documents/nope.txt`)).status).toBe(404);

    const again = await call(f, 'sendDocument', { chat_id: USER.id, document: sent.document.file_id });
    expect(again.body.result.document.file_id).toBe(sent.document.file_id);
    await f.close();
    expect(existsSync(join(dataDir, 'files', file.file_path))).toBe(true);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

it('refuses a send without a document, an unknown file_id and a caption over 1024 characters', async () => {
  const f = await fake();
  await userStartsChat(f);
  expect((await call(f, 'sendDocument', { chat_id: USER.id })).body.description).toBe(
    'Bad Request: there is no document in the request',
  );
  expect(
    (await call(f, 'sendDocument', { chat_id: USER.id, document: 'https://example.com/x.pdf' })).body.description,
  ).toBe('Bad Request: wrong file identifier/HTTP URL specified');
  const res = await fetch(`${f.url}/bot${TOKEN}/sendDocument`, {
    method: 'POST',
    body: documentForm({ chat_id: String(USER.id), caption: 'c'.repeat(1025) }, { name: 'a.txt', data: 'a' }),
  });
  expect((await json(res)).description).toBe('Bad Request: message caption is too long');
  const noChat = await fetch(`${f.url}/bot${TOKEN}/sendDocument`, {
    method: 'POST',
    body: documentForm({}, { name: 'a.txt', data: 'a' }),
  });
  expect((await json(noChat)).description).toBe('Bad Request: chat_id is empty');
});

it('getFile refuses a missing or unknown file_id and files over 20 MB', async () => {
  const f = await fake();
  expect((await call(f, 'getFile')).body.description).toBe('Bad Request: file_id not specified');
  expect((await call(f, 'getFile', { file_id: 'nope' })).body.description).toBe('Bad Request: invalid file_id');
  const big = await fetch(`${f.url}/_fake/files?name=big.bin`, {
    method: 'POST',
    body: Buffer.alloc(20 * 1024 * 1024 + 1),
  });
  const { file_id } = await json(big);
  expect((await call(f, 'getFile', { file_id })).body.description).toBe('Bad Request: file is too big');
});

it("stores a file the user sends, for an update's document, and serves it to the bot", async () => {
  const f = await fake();
  const res = await fetch(`${f.url}/_fake/files?name=report.pdf`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: Buffer.from('%PDF-1.4 fake'),
  });
  expect(res.status).toBe(201);
  const stored = await json(res);
  expect(stored).toEqual({
    file_id: expect.any(String),
    file_unique_id: expect.any(String),
    file_size: 13,
    file_name: 'report.pdf',
    mime_type: 'application/pdf',
  });
  await f.deliver(userMessage('', { text: undefined, document: stored }));
  const file = (await call(f, 'getFile', { file_id: stored.file_id })).body.result;
  const body = await (await fetch(`${f.url}/file/bot${TOKEN}/${file.file_path}`)).text();
  expect(body).toBe('%PDF-1.4 fake');
});

it('keeps upload names out of its paths', async () => {
  const f = await fake();
  const res = await fetch(`${f.url}/_fake/files?name=${encodeURIComponent('../../etc/passwd')}`, {
    method: 'POST',
    body: 'x',
  });
  const { file_id } = await json(res);
  const file = (await call(f, 'getFile', { file_id })).body.result;
  expect(file.file_path).toMatch(/^documents\/file_\d+$/);
});

it('removes its own temporary dataDir on close', async () => {
  const f = await startFakeTelegram({ token: TOKEN });
  const res = await fetch(`${f.url}/_fake/files?name=a.txt`, { method: 'POST', body: 'a' });
  const { file_id } = await json(res);
  const file = (await call(f, 'getFile', { file_id })).body.result;
  const download = await fetch(`${f.url}/file/bot${TOKEN}/${file.file_path}`, { method: 'HEAD' });
  expect(download.headers.get('content-length')).toBe('1');
  expect(existsSync(join(f.dataDir, 'files', file.file_path))).toBe(true);
  await f.close();
  expect(existsSync(f.dataDir)).toBe(false);
});
