/**
 * This browser's side of Web Push: the app's service worker (`src/service-worker.ts`) and a push subscription kept
 * in step with the server. Synced on every signed-in page load once notifications are allowed, since a browser may
 * replace its subscription (a new key, an expiry) without telling the page; the server keeps one row per endpoint,
 * so syncing again costs nothing. Where the browser has no push, or the server sends none, the page's own
 * notifications remain (while a tab is open).
 */
import { pushSubscriptionId } from '@vibecode/schemas';
import { bytesToBase64Url } from '@vibecode/schemas/encoding';
import type { Api } from '../api/client.ts';

/**
 * `on`: pushed even with every tab closed; `off`: not asked yet or turned off; `unsupported`: this browser has no
 * push; `unavailable`: this server sends none; `failed`: the browser or its push service refused just now.
 */
export type PushState = 'on' | 'off' | 'unsupported' | 'unavailable' | 'failed';

type PushApi = Pick<Api, 'pushKey' | 'subscribePush' | 'unsubscribePush'>;
type Registration = Pick<ServiceWorkerRegistration, 'pushManager'>;

export const SERVICE_WORKER_URL = '/service-worker.js';

/** Set when the person turned pushes off on this browser: a later page load does not subscribe it again. */
const TURNED_OFF_KEY = 'vibecode.push.off';

export function pushTurnedOff(): boolean {
  try {
    return localStorage.getItem(TURNED_OFF_KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberPushTurnedOff(off: boolean): void {
  try {
    if (off) localStorage.setItem(TURNED_OFF_KEY, '1');
    else localStorage.removeItem(TURNED_OFF_KEY);
  } catch {
    // Storage refused (a private window): the choice lasts as long as the page.
  }
}

/** The app's service worker, ready; null where the browser has none (or refuses it: a private window may). */
export async function serviceWorker(dev: boolean): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  try {
    // Vite serves the worker as a module in development; the build makes a classic script of it.
    await navigator.serviceWorker.register(SERVICE_WORKER_URL, { type: dev ? 'module' : 'classic' });
    return await navigator.serviceWorker.ready;
  } catch {
    return null;
  }
}

/** Subscribes this browser (again, when the server's key changed) and hands its subscription to the server. */
export async function syncPush(api: PushApi, registration: Registration): Promise<PushState> {
  if (!('pushManager' in registration) || registration.pushManager === undefined) return 'unsupported';
  try {
    const key = await api.pushKey();
    if (key === null) return 'unavailable';
    let subscription = await registration.pushManager.getSubscription();
    if (subscription !== null && keyOf(subscription) !== key) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    const { endpoint, keys } = subscription.toJSON();
    if (endpoint === undefined || keys?.p256dh === undefined || keys.auth === undefined) return 'failed';
    await api.subscribePush({ endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } });
    return 'on';
  } catch {
    return 'failed';
  }
}

/**
 * The browser replaced this browser's subscription on its own (the service worker's `pushsubscriptionchange`: an
 * expiry, a key its push service rotated), possibly with no tab open to sync it: the server forgets the old endpoint,
 * which no longer reaches anyone, and gets the one the browser holds now.
 */
export async function renewPush(
  api: PushApi,
  registration: Registration,
  oldEndpoint: string | null,
): Promise<PushState> {
  if (oldEndpoint !== null) {
    // A forget that fails (offline for a moment) must not keep the new subscription from the server; the server also
    // drops an endpoint once its push service refuses it.
    await api.unsubscribePush(await pushSubscriptionId(oldEndpoint)).catch(() => undefined);
  }
  return syncPush(api, registration);
}

/** Forgets this browser on the server and at its push service. */
export async function stopPush(api: PushApi, registration: Registration): Promise<void> {
  const subscription = await registration.pushManager.getSubscription();
  if (subscription === null) return;
  await api.unsubscribePush(await pushSubscriptionId(subscription.endpoint));
  await subscription.unsubscribe();
}

function keyOf(subscription: PushSubscription): string | null {
  const key = subscription.options.applicationServerKey;
  return key === null ? null : bytesToBase64Url(new Uint8Array(key));
}
