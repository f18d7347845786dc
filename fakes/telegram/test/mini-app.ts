/**
 * A tiny Mini App for the chat page's browser tests: one page on a local http server that loads the stand-in's
 * telegram-web-app.js and shows what `Telegram.WebApp` gives it (initData, user, version, theme, viewport), with
 * buttons that drive the BackButton, MainButton, haptics and close, and a log of the events it heard.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const page = (scriptUrl: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Test Mini App</title></head>
<body>
<p>user <span id="user"></span> · <span id="version"></span> · <span id="platform"></span></p>
<p>scheme <span id="scheme"></span> · bg <span id="bg"></span> · height <span id="height"></span> · loads <span id="loads"></span></p>
<p id="init-data"></p>
<button id="show-back">Show back</button><button id="show-main">Show main</button>
<button id="tap">Tap</button><button id="close">Close app</button>
<ol id="log"></ol>
<script>
function start() {
  const app = window.Telegram.WebApp;
  const $ = (id) => document.getElementById(id);
  const log = (text) => $('log').append(Object.assign(document.createElement('li'), { textContent: text }));
  const show = () => {
    $('scheme').textContent = app.colorScheme;
    $('bg').textContent = getComputedStyle(document.documentElement).getPropertyValue('--tg-theme-bg-color');
    $('height').textContent = String(app.viewportStableHeight);
  };
  $('user').textContent = app.initDataUnsafe.user ? app.initDataUnsafe.user.first_name : '';
  $('version').textContent = app.version + (app.isVersionAtLeast('6.1') ? ' (6.1+)' : '');
  $('platform').textContent = app.platform;
  $('init-data').textContent = app.initData;
  sessionStorage.setItem('loads', String(Number(sessionStorage.getItem('loads') || 0) + 1));
  $('loads').textContent = sessionStorage.getItem('loads');
  app.onEvent('themeChanged', () => { log('theme'); show(); });
  app.onEvent('viewportChanged', show);
  app.onEvent('safeAreaChanged', () => log('safe area ' + JSON.stringify(app.safeAreaInset)));
  app.BackButton.onClick(() => { log('back'); app.BackButton.hide(); });
  app.MainButton.onClick(() => log('main'));
  $('show-back').onclick = () => app.BackButton.show();
  $('show-main').onclick = () => app.MainButton.setText('New session').show();
  $('tap').onclick = () => app.HapticFeedback.impactOccurred('light');
  $('close').onclick = () => app.close();
  show();
  app.ready();
  app.expand();
}
// The script asks the parent for the theme, viewport and safe areas as it runs. Its load event fires in that same
// task, before any answer can arrive, so the handlers above hear every one; an inline script after a <script src>
// could run only after the parser yielded to the answers.
const telegram = Object.assign(document.createElement('script'), { src: ${JSON.stringify(scriptUrl)} });
telegram.onload = start;
document.body.append(telegram);
</script></body></html>`;

export interface MiniApp {
  url: string;
  close(): Promise<void>;
}

export async function startMiniApp(scriptUrl: string): Promise<MiniApp> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page(scriptUrl));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
