import { pushSubscriptionId } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { renewPush, stopPush, syncPush } from './browser-push.ts';

/** A P-256 point's length and first byte, base64url: what the server hands out and the browser keeps as bytes. */
const aKey = (fill: number) => Buffer.concat([Buffer.from([4]), Buffer.alloc(64, fill)]).toString('base64url');
const KEY = aKey(1);
const OTHER_KEY = aKey(2);
const keyBytes = (key: string) => Buffer.from(key, 'base64url');

/** A PushManager as the browser has one, with one subscription at a time. */
class FakePushManager {
  current: FakeSubscription | null = null;
  subscribed: string[] = [];
  refuse = false;

  async getSubscription() {
    return this.current;
  }

  async subscribe(options: { userVisibleOnly: boolean; applicationServerKey: string }) {
    if (this.refuse) throw new DOMException('push service not available', 'AbortError');
    expect(options.userVisibleOnly).toBe(true);
    this.subscribed.push(options.applicationServerKey);
    this.current = new FakeSubscription(
      this,
      `https://push.example/${this.subscribed.length}`,
      options.applicationServerKey,
    );
    return this.current;
  }
}

class FakeSubscription {
  constructor(
    private readonly manager: FakePushManager,
    readonly endpoint: string,
    key: string,
  ) {
    this.options = { applicationServerKey: new Uint8Array(keyBytes(key)).buffer };
  }

  options: { applicationServerKey: ArrayBuffer | null };

  toJSON() {
    return { endpoint: this.endpoint, keys: { p256dh: KEY, auth: 'a'.repeat(22) } };
  }

  async unsubscribe() {
    this.manager.current = null;
    return true;
  }
}

function fakeApi(key: string | null = KEY) {
  const calls: string[] = [];
  return {
    calls,
    pushKey: async () => key,
    subscribePush: async (body: { endpoint: string }) => {
      calls.push(`subscribe ${body.endpoint}`);
      return 'id';
    },
    unsubscribePush: async (id: string) => {
      calls.push(`unsubscribe ${id}`);
      return { subscribed: false as const };
    },
  };
}

const registration = (manager: FakePushManager) => ({ pushManager: manager as unknown as PushManager });

describe('syncPush', () => {
  it("subscribes with the server's key and hands the subscription to the server", async () => {
    const manager = new FakePushManager();
    const api = fakeApi();
    expect(await syncPush(api, registration(manager))).toBe('on');
    expect(manager.subscribed).toEqual([KEY]);
    expect(api.calls).toEqual(['subscribe https://push.example/1']);
    // Synced again on the next page: the same subscription, handed over again.
    expect(await syncPush(api, registration(manager))).toBe('on');
    expect(manager.subscribed).toEqual([KEY]);
    expect(api.calls).toEqual(['subscribe https://push.example/1', 'subscribe https://push.example/1']);
  });

  it("subscribes anew when the server's key changed", async () => {
    const manager = new FakePushManager();
    await manager.subscribe({ userVisibleOnly: true, applicationServerKey: OTHER_KEY });
    expect(await syncPush(fakeApi(), registration(manager))).toBe('on');
    expect(manager.subscribed).toEqual([OTHER_KEY, KEY]);
  });

  it('says why there is no push: no key on the server, no push in the browser, a refusal', async () => {
    expect(await syncPush(fakeApi(null), registration(new FakePushManager()))).toBe('unavailable');
    expect(await syncPush(fakeApi(), {} as never)).toBe('unsupported');
    const refusing = new FakePushManager();
    refusing.refuse = true;
    expect(await syncPush(fakeApi(), registration(refusing))).toBe('failed');
    const api = {
      ...fakeApi(),
      subscribePush: async () => Promise.reject(new ApiError(400, 'push.endpoint_refused', 'no')),
    };
    expect(await syncPush(api, registration(new FakePushManager()))).toBe('failed');
  });
});

describe('renewPush', () => {
  it('forgets the endpoint the browser replaced and hands over the one it holds now', async () => {
    const manager = new FakePushManager();
    const api = fakeApi();
    await syncPush(api, registration(manager));
    // The browser's push service replaced the subscription: the old one is gone, a new one is there.
    await manager.current?.unsubscribe();
    await manager.subscribe({ userVisibleOnly: true, applicationServerKey: KEY });
    expect(await renewPush(api, registration(manager), 'https://push.example/1')).toBe('on');
    expect(api.calls.slice(1)).toEqual([
      `unsubscribe ${await pushSubscriptionId('https://push.example/1')}`,
      'subscribe https://push.example/2',
    ]);
  });

  it('subscribes again when the browser dropped the subscription without a new one, even when the forget fails', async () => {
    const manager = new FakePushManager();
    const api = {
      ...fakeApi(),
      unsubscribePush: async () => Promise.reject(new ApiError(0, 'network.unreachable', 'offline')),
    };
    expect(await renewPush(api, registration(manager), 'https://push.example/old')).toBe('on');
    expect(manager.subscribed).toEqual([KEY]);
    expect(api.calls).toEqual(['subscribe https://push.example/1']);
  });
});

describe('stopPush', () => {
  it('forgets the subscription on the server by its id, then at the push service', async () => {
    const manager = new FakePushManager();
    const api = fakeApi();
    await syncPush(api, registration(manager));
    await stopPush(api, registration(manager));
    expect(api.calls.at(-1)).toBe(`unsubscribe ${await pushSubscriptionId('https://push.example/1')}`);
    expect(manager.current).toBeNull();
    await stopPush(api, registration(manager));
    expect(api.calls).toHaveLength(2);
  });
});
