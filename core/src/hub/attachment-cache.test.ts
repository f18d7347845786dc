import { describe, expect, it } from 'vitest';
import type { SubscriberAttachment } from './attachment.ts';
import { readAttachment, updateAttachment, writeAttachment } from './attachment-cache.ts';

/** A socket as the runtime keeps it: the attachment survives hibernation; every read and write is counted. */
class FakeSocket {
  reads = 0;
  writes = 0;
  constructor(public stored: unknown = null) {}
  serializeAttachment(value: unknown): void {
    this.writes += 1;
    this.stored = structuredClone(value);
  }
  deserializeAttachment(): unknown {
    this.reads += 1;
    return structuredClone(this.stored);
  }
}

const viewer: SubscriberAttachment = {
  role: 'subscriber',
  subId: 'sub-1',
  userId: 'u',
  sessionId: 's',
  sessionNumber: 1,
  lastActiveAt: 60_000,
};

describe('attachment cache', () => {
  it("reads a socket's attachment from the runtime once, then from memory", () => {
    const ws = new FakeSocket(viewer);
    expect(readAttachment(ws)).toEqual(viewer);
    expect(readAttachment(ws)).toEqual(viewer);
    expect(ws.reads).toBe(1);
  });

  it('writes only when a field changes, and serves what it wrote', () => {
    const ws = new FakeSocket();
    writeAttachment(ws, viewer);
    let current = viewer;
    for (let i = 0; i < 100; i++) current = updateAttachment(ws, current, { lastActiveAt: 60_000 });
    expect(ws.writes).toBe(1);
    current = updateAttachment(ws, current, { lastActiveAt: 120_000 });
    expect(ws.writes).toBe(2);
    expect(readAttachment(ws)).toEqual({ ...viewer, lastActiveAt: 120_000 });
    expect(ws.reads).toBe(0);
  });

  it('restores from the stored attachment when the socket object is new (a wake from hibernation)', () => {
    const before = new FakeSocket();
    writeAttachment(before, { ...viewer, lastActiveAt: 180_000 });
    const woken = new FakeSocket(before.stored);
    expect(readAttachment(woken)).toEqual({ ...viewer, lastActiveAt: 180_000 });
  });

  it("knows no attachment that is not the hub's", () => {
    expect(readAttachment(new FakeSocket({ role: 'stranger' }))).toBeNull();
    expect(readAttachment(new FakeSocket(null))).toBeNull();
  });
});
