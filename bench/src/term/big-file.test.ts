import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINE_BYTES, textBlock, writeBigFile } from './big-file.ts';
import { PROMPT } from './shell.ts';

describe('textBlock', () => {
  const block = textBlock(1000);
  const text = block.toString('latin1');

  it('is whole 80-byte lines, the same every time', () => {
    expect(block.byteLength).toBe(1000 * LINE_BYTES);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.every((line) => line.length === LINE_BYTES - 1)).toBe(true);
    expect(textBlock(1000).equals(block)).toBe(true);
  });

  it('is printable text without the prompt or marker digits', () => {
    expect(/^[\x20-\x7e\n]*$/.test(text)).toBe(true);
    expect(text).not.toContain(PROMPT);
    expect(text).not.toContain('-42');
  });
});

describe('writeBigFile', () => {
  it('writes exactly the size asked, which must be whole blocks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-big-file-'));
    try {
      await writeBigFile(join(dir, 'f'), 2 * 16_384 * LINE_BYTES);
      expect(statSync(join(dir, 'f')).size).toBe(2 * 16_384 * LINE_BYTES);
      await expect(writeBigFile(join(dir, 'g'), 1000)).rejects.toThrow(RangeError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
