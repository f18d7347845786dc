import { describe, expect, it } from 'vitest';
import { OutputLog, WaitTimeout } from './output-log.ts';

describe('OutputLog', () => {
  it('resolves with the arrival time of the chunk that completes the needle, even split across chunks', async () => {
    const log = new OutputLog();
    const seen = log.waitFor('done-42', 1000);
    log.push('echo done-$((40+2))\r\n', 1);
    log.push('do', 2);
    log.push('ne-4', 3);
    log.push('2\r\n$ ', 4);
    expect(await seen).toBe(4);
  });

  it('only counts output that arrives after the wait was set up', async () => {
    const log = new OutputLog();
    log.push('[bench] ', 1);
    const prompt = log.waitFor('[bench]', 1000);
    log.push('y\ny\n', 2);
    log.push('^C\r\n[bench] ', 3);
    expect(await prompt).toBe(3);
  });

  it('matches a sequence in order, several answers in one burst each get that burst’s time', async () => {
    const log = new OutputLog();
    const echoes = log.expect(['a', '\x1b[K', 'a', '\x1b[K'], 1000);
    log.push('a', 10);
    log.push('\b\x1b[Ka', 20);
    log.push('\b\x1b', 30);
    log.push('[K', 40);
    expect(await echoes).toEqual([10, 20, 20, 40]);
  });

  it('counts characters and the first chunk', async () => {
    const log = new OutputLog();
    const first = log.first(1000);
    const enough = log.untilChars(6, 1000);
    log.push('abc', 5);
    log.push('', 6);
    log.push('def', 7);
    expect(await first).toBe(5);
    expect(await enough).toBe(7);
    expect(log.chars).toBe(6);
    expect(await log.first(1000)).toBe(5);
  });

  it('times out with what it waited for and the last output', async () => {
    const log = new OutputLog();
    log.push('hello');
    await expect(log.waitFor('never', 10, 'the marker')).rejects.toThrow(WaitTimeout);
    await expect(log.waitFor('never', 10, 'the marker')).rejects.toThrow(/the marker.*"hello"/);
  });

  it('fails pending waits when the connection is gone', async () => {
    const log = new OutputLog();
    const waiting = log.waitFor('x', 1000);
    log.fail(new Error('socket closed'));
    await expect(waiting).rejects.toThrow('socket closed');
  });
});
