/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The app's service worker, registered by the page once its person allows notifications (`lib/push/`): it shows the
 * Web Push messages core sends when an agent wants them (and tells the open tabs, whose lists then read at once), and
 * the page's own notifications where a page may not construct one (Android's Chrome); a click focuses a tab of the
 * app on the notification's page, or opens one; a subscription the browser replaced is handed to the server at once,
 * tab or no tab. It caches nothing and handles no fetch: the app needs its server anyway.
 */
import { createApi } from '$lib/api/client.ts';
import { renewPush } from '$lib/push/browser-push.ts';
import { clickPath, FEED_CHANGED, notificationOfPush } from '$lib/push/push-event.ts';

const sw = self as unknown as ServiceWorkerGlobalScope;

sw.addEventListener('install', () => {
  // A new version takes over at once: it holds no cache an open page could depend on.
  sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(sw.clients.claim());
});

sw.addEventListener('push', (event) => {
  const { title, options } = notificationOfPush(event.data?.text() ?? null);
  event.waitUntil(Promise.all([sw.registration.showNotification(title, options), tellOpenTabs()]));
});

sw.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(renewPush(createApi(), sw.registration, event.oldSubscription?.endpoint ?? null));
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(clickPath(event.notification.data), sw.location.origin).href;
  event.waitUntil(openApp(url));
});

async function tellOpenTabs(): Promise<void> {
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const tab of windows) tab.postMessage(FEED_CHANGED);
}

async function openApp(url: string): Promise<void> {
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab = windows.find((client) => new URL(client.url).origin === sw.location.origin);
  if (tab === undefined) {
    await sw.clients.openWindow(url);
    return;
  }
  await tab.focus();
  // A tab this worker does not control (opened before it was registered) cannot be navigated from here.
  await tab.navigate(url).catch(() => sw.clients.openWindow(url));
}
