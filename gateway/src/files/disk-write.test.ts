import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors.ts';
import { writeAll, writeFailure } from './disk-write.ts';

/** A file handle whose writes take at most `limits[i]` bytes each, then fail like a full disk. */
function shortWrites(limits: number[]) {
  const written: number[] = [];
  return {
    written,
    write: async (data: Uint8Array, offset = 0, length = data.byteLength - offset) => {
      const limit = limits.shift();
      if (limit === undefined)
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const n = Math.min(limit, length);
      written.push(...data.subarray(offset, offset + n));
      return { bytesWritten: n, buffer: data };
    },
  };
}

describe('writeAll', () => {
  it('goes on after short writes until every byte is written', async () => {
    const data = Uint8Array.from({ length: 10 }, (_, i) => i);
    const handle = shortWrites([3, 3, 100]);
    await writeAll(handle as never, data);
    expect(handle.written).toEqual([...data]);
  });

  it('fails when the disk fills after a short write, rather than leaving the rest unwritten', async () => {
    const handle = shortWrites([4]);
    await expect(writeAll(handle as never, new Uint8Array(10))).rejects.toMatchObject({ code: 'ENOSPC' });
  });

  it('fails on a write that makes no progress instead of spinning', async () => {
    const handle = shortWrites([0]);
    await expect(writeAll(handle as never, new Uint8Array(10))).rejects.toMatchObject({ code: 'ENOSPC' });
  });
});

describe('writeFailure', () => {
  it('names a full disk or quota file.no_space', () => {
    for (const code of ['ENOSPC', 'EDQUOT']) {
      expect(writeFailure(Object.assign(new Error('x'), { code })).code).toBe('file.no_space');
    }
  });

  it('keeps a typed error and calls anything else file.write_failed', () => {
    expect(writeFailure(new GatewayError('file.path_invalid', 'no')).code).toBe('file.path_invalid');
    const eio = writeFailure(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }));
    expect(eio.detail).toEqual({ code: 'file.write_failed', message: 'EIO: i/o error, write' });
  });
});
