import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayEvent } from '@vibecode/schemas';
import { silentLogger } from '@vibecode/schemas/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubLink } from '../link/hub-link.ts';
import { FolderLists } from './folder-lists.ts';

function link(): HubLink & { sent: GatewayEvent[] } {
  const sent: GatewayEvent[] = [];
  return { sent, send: (event) => sent.push(event), sendFrame() {}, congested: () => false };
}

describe('FolderLists', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'folder-lists-'));
    writeFileSync(join(root, 'a.txt'), 'abc');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const lists = () => new FolderLists({ workdirOf: (n) => (n === 1 ? root : undefined), log: silentLogger });
  const cmd = (session_id: number, path: string) =>
    ({ type: 'file.list', schema_version: '1', session_id, path, ref: 'r1' }) as const;

  it('answers file.listing with the ref', async () => {
    const out = link();
    await lists().list(cmd(1, ''), out);
    expect(out.sent).toEqual([
      {
        type: 'file.listing',
        schema_version: '1',
        session_id: 1,
        path: '',
        entries: [{ name: 'a.txt', kind: 'file', size: 3, mtime: expect.any(String) }],
        truncated: false,
        ref: 'r1',
      },
    ]);
  });

  it('answers file.error with the code and the ref', async () => {
    const out = link();
    await lists().list(cmd(1, 'a.txt'), out);
    await lists().list(cmd(2, ''), out);
    expect(out.sent.map((m) => (m.type === 'file.error' ? [m.error.code, m.ref] : m.type))).toEqual([
      ['file.not_a_folder', 'r1'],
      ['session.not_found', 'r1'],
    ]);
  });

  it('refuses a fifth listing at once with file.busy', async () => {
    const out = link();
    const folders = lists();
    const running = [1, 2, 3, 4].map(() => folders.list(cmd(1, ''), out));
    await folders.list(cmd(1, ''), out);
    await Promise.all(running);
    const codes = out.sent.map((m) => (m.type === 'file.error' ? m.error.code : m.type));
    expect(codes.filter((c) => c === 'file.busy')).toHaveLength(1);
    expect(codes.filter((c) => c === 'file.listing')).toHaveLength(4);
  });
});
