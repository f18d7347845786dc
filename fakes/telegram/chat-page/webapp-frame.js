/**
 * The Mini App window of the chat page, like Telegram Web's: the app in a frame, 375×812 at most, under a header
 * (the BackButton when the app shows it, the bot's name, reload, theme and close) and above the app's MainButton. It
 * talks to the framed app with the `web_app_*` postMessage protocol (webapp-bridge.js): only messages from that frame
 * are read, and what the client sends goes only to the app's origin. Haptic feedback is listed (`#webapp-haptics`)
 * where a phone would vibrate, so a person — or a test — can see it happen.
 */
import { applyWebAppEvent, initialFrameState, themeEvent, viewportEvent } from './webapp-bridge.js';
import { launchUrl, THEMES } from './webapp-launch.js';

/**
 * @typedef {import('./webapp-bridge.js').FrameState} FrameState
 * @typedef {import('./webapp-bridge.js').ClientEvent} ClientEvent
 * @typedef {{ url: string, message_id?: number }} WebAppButton
 */

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @param {{ title(): string, sign(button: WebAppButton): Promise<string>, failed(err: unknown): void }} page
 *   `sign` asks the stand-in for initData signed for this button (POST /_fake/chat/webapp)
 */
export function wireWebAppFrame(page) {
  const box = byId('webapp');
  const frame = /** @type {HTMLIFrameElement} */ (byId('webapp-frame'));
  const main = /** @type {HTMLButtonElement} */ (byId('webapp-main'));
  const back = byId('webapp-back');
  const haptics = byId('webapp-haptics');
  /** @type {FrameState} */
  let state = initialFrameState();
  let origin = '';
  let src = '';
  /** The frame finished loading: without a `ready()` from the app, that is when Telegram drops its placeholder. */
  let loaded = false;
  /** @type {'light' | 'dark'} */
  let theme = 'light';

  const env = () => ({ width: frame.clientWidth, height: frame.clientHeight, theme: THEMES[theme] });

  /** @param {ClientEvent} event */
  function send(event) {
    if (origin) frame.contentWindow?.postMessage(JSON.stringify(event), origin);
  }

  function render() {
    back.hidden = !state.back;
    main.hidden = !state.main.is_visible;
    main.textContent = state.main.is_progress_visible ? '…' : state.main.text;
    main.disabled = !state.main.is_active;
    main.style.background = state.main.color ?? '';
    main.style.color = state.main.text_color ?? '';
    box.dataset.ready = String(state.ready);
    box.dataset.loaded = String(loaded);
    haptics.replaceChildren(
      ...state.haptics.map((h) => Object.assign(document.createElement('li'), { textContent: h })),
    );
    byId('webapp-theme').textContent = theme === 'light' ? '☾' : '☀';
  }

  function close() {
    box.hidden = true;
    loaded = false;
    frame.src = 'about:blank';
    origin = '';
    state = initialFrameState();
    render();
  }

  window.addEventListener('message', (event) => {
    if (box.hidden || event.source !== frame.contentWindow || typeof event.data !== 'string') return;
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (typeof message?.eventType !== 'string') return;
    const next = applyWebAppEvent(state, message.eventType, message.eventData, env());
    state = next.state;
    for (const reply of next.replies) send(reply);
    if (state.closed) return close();
    render();
  });

  frame.addEventListener('load', () => {
    loaded = frame.src !== 'about:blank';
    render();
  });

  // The frame's size changes with the window and with the MainButton showing or not: the app hears of each.
  new ResizeObserver(() => {
    if (!box.hidden) send(viewportEvent(env()));
  }).observe(frame);

  back.addEventListener('click', () => send({ eventType: 'back_button_pressed' }));
  main.addEventListener('click', () => send({ eventType: 'main_button_pressed' }));
  byId('webapp-close').addEventListener('click', close);
  byId('webapp-reload').addEventListener('click', () => {
    // As Telegram Web does: an app whose script said it can reload is asked to; any other gets its launch URL again.
    loaded = false;
    if (state.reloadSupported) return send({ eventType: 'reload_iframe' });
    state = initialFrameState();
    render();
    frame.src = src;
  });
  byId('webapp-theme').addEventListener('click', () => {
    theme = theme === 'light' ? 'dark' : 'light';
    box.dataset.theme = theme;
    send(themeEvent(env()));
    render();
  });

  return {
    /** Opens the Mini App a button (or the menu button) points at, with freshly signed initData. @param {WebAppButton} button */
    async open(button) {
      try {
        const initData = await page.sign(button);
        state = initialFrameState();
        loaded = false;
        origin = new URL(button.url).origin;
        src = launchUrl(button.url, initData, THEMES[theme]);
        byId('webapp-title').textContent = page.title();
        box.hidden = false;
        box.dataset.theme = theme;
        render();
        frame.src = src;
      } catch (err) {
        page.failed(err);
      }
    },
  };
}
