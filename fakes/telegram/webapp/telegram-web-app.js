/**
 * The stand-in's telegram-web-app.js: the documented subset of `window.Telegram.WebApp` a Mini App page uses, speaking
 * the same `web_app_*` postMessage protocol as telegram.org's script when the page is framed (Telegram Web, and the
 * stand-in's chat page):
 * - launch data from the URL hash (`tgWebAppData`, `tgWebAppVersion`, `tgWebAppPlatform`, `tgWebAppThemeParams`),
 *   kept in sessionStorage (`__telegram__initParams`) so a reload that lost the hash still has it, as the real
 *   script does;
 * - out, to the parent as `JSON.stringify({eventType, eventData})`: iframe_ready, web_app_ready, web_app_expand,
 *   web_app_close, web_app_setup_back_button, web_app_setup_main_button, web_app_trigger_haptic_feedback,
 *   web_app_request_theme / _viewport / _safe_area / _content_safe_area, iframe_will_reload;
 * - in, from the parent only: theme_changed, viewport_changed, safe_area_changed, content_safe_area_changed,
 *   back_button_pressed, main_button_pressed, reload_iframe — surfaced as the WebApp events themeChanged,
 *   viewportChanged, safeAreaChanged, contentSafeAreaChanged, backButtonClicked, mainButtonClicked;
 * - the CSS variables the real script sets: --tg-theme-*, --tg-color-scheme, --tg-viewport-height,
 *   --tg-viewport-stable-height, --tg-safe-area-inset-*, --tg-content-safe-area-inset-*.
 * A classic script (not a module), as pages load telegram.org's: it defines `window.Telegram.WebApp` synchronously.
 */
(() => {
  const STORAGE_PREFIX = '__telegram__';
  /** @typedef {{ top: number, bottom: number, left: number, right: number }} Insets */

  /** @param {string} key @returns {any} */
  function stored(key) {
    try {
      return JSON.parse(sessionStorage.getItem(STORAGE_PREFIX + key) ?? 'null');
    } catch {
      return null;
    }
  }
  /** @param {string} key @param {unknown} value */
  function store(key, value) {
    try {
      sessionStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
    } catch {
      // Storage may be unavailable (a sandboxed frame): the launch data then lives only as long as the page.
    }
  }

  /** @param {string} text */
  const decode = (text) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, '%20'));
    } catch {
      return text;
    }
  };

  /** `a=1&b=2` → {a: '1', b: '2'} (decoded). @param {string} query @returns {Record<string, string>} */
  function parseQuery(query) {
    /** @type {Record<string, string>} */
    const params = {};
    for (const pair of query.split('&')) {
      if (pair === '') continue;
      const at = pair.indexOf('=');
      params[decode(at < 0 ? pair : pair.slice(0, at))] = at < 0 ? '' : decode(pair.slice(at + 1));
    }
    return params;
  }

  // `#tgWebAppData=…&…`, or `#<path>?tgWebAppData=…`; a hash without parameters carries no launch data.
  const hash = location.hash.replace(/^#/, '');
  const launchQuery = hash.includes('=') ? hash.slice(hash.indexOf('?') + 1) : '';
  /** @type {Record<string, string>} */
  const initParams = { ...(stored('initParams') ?? {}), ...parseQuery(launchQuery) };
  store('initParams', initParams);

  const isIframe = window.parent !== window;
  /** @type {Record<string, ((data?: any) => void)[]>} */
  const handlers = {};

  /** @param {string} eventType @param {unknown} [eventData] */
  function postEvent(eventType, eventData) {
    if (!isIframe) return;
    // As telegram.org's script does: the parent's origin is not known here, so any parent may listen.
    window.parent.postMessage(JSON.stringify({ eventType, eventData: eventData ?? '' }), '*');
  }

  /** @param {string} name @param {unknown} [data] */
  function emit(name, data) {
    for (const handler of [...(handlers[name] ?? [])]) {
      try {
        handler.call(WebApp, data);
      } catch (err) {
        console.error(`[Telegram.WebApp] a ${name} handler failed`, err);
      }
    }
  }

  /** @param {string} name @param {string} value */
  const setCss = (name, value) => document.documentElement.style.setProperty(`--tg-${name}`, value);

  /** @param {string} color @returns {string | undefined} */
  function hexColor(color) {
    const long = /^\s*#([0-9a-f]{6})\s*$/i.exec(color);
    if (long) return `#${long[1]?.toLowerCase()}`;
    const short = /^\s*#([0-9a-f])([0-9a-f])([0-9a-f])\s*$/i.exec(color);
    return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase() : undefined;
  }

  /** Perceived brightness below 120 (of 255) is a dark background, as Telegram decides it. @param {string} hex */
  function isDark(hex) {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    return Math.sqrt(0.299 * (r ?? 0) ** 2 + 0.587 * (g ?? 0) ** 2 + 0.114 * (b ?? 0) ** 2) < 120;
  }

  /** @type {Record<string, string>} */
  const themeParams = {};
  let colorScheme = 'light';
  /** @param {Record<string, unknown>} params */
  function setThemeParams(params) {
    for (const [key, value] of Object.entries(params)) {
      const color = typeof value === 'string' ? hexColor(value) : undefined;
      if (!color) continue;
      themeParams[key] = color;
      if (key === 'bg_color') {
        colorScheme = isDark(color) ? 'dark' : 'light';
        setCss('color-scheme', colorScheme);
      }
      setCss(`theme-${key.replace(/_/g, '-')}`, color);
    }
    store('themeParams', themeParams);
  }
  try {
    if (initParams.tgWebAppThemeParams) setThemeParams(JSON.parse(initParams.tgWebAppThemeParams));
  } catch {
    // Unparsable theme params are ignored, as the real script ignores them.
  }
  setThemeParams(stored('themeParams') ?? {});

  const initData = initParams.tgWebAppData ?? '';
  /** @type {Record<string, unknown>} */
  const initDataUnsafe = {};
  for (const [key, value] of Object.entries(parseQuery(initData))) {
    const json = /^\{.*\}$|^\[.*\]$/s.test(value);
    try {
      initDataUnsafe[key] = json ? JSON.parse(value) : value;
    } catch {
      initDataUnsafe[key] = value;
    }
  }
  const version = initParams.tgWebAppVersion || '6.0';
  const platform = initParams.tgWebAppPlatform || 'unknown';

  /** @param {string} a @param {string} b */
  function compareVersions(a, b) {
    const x = a.trim().split('.');
    const y = b.trim().split('.');
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const d = (Number.parseInt(x[i] ?? '', 10) || 0) - (Number.parseInt(y[i] ?? '', 10) || 0);
      if (d !== 0) return d > 0 ? 1 : -1;
    }
    return 0;
  }
  /** @param {string} wanted */
  const isVersionAtLeast = (wanted) => compareVersions(version, String(wanted)) >= 0;

  let viewportHeight = window.innerHeight;
  let viewportStableHeight = window.innerHeight;
  let isExpanded = true;
  function setViewportCss() {
    setCss('viewport-height', `${viewportHeight}px`);
    setCss('viewport-stable-height', `${viewportStableHeight}px`);
  }
  setViewportCss();

  /** @type {Insets} */
  let safeAreaInset = { top: 0, bottom: 0, left: 0, right: 0 };
  /** @type {Insets} */
  let contentSafeAreaInset = { top: 0, bottom: 0, left: 0, right: 0 };
  /** @param {unknown} data @returns {Insets} */
  const insets = (data) => {
    const d = /** @type {Record<string, unknown>} */ (data ?? {});
    /** @param {string} side */
    const side = (side) => (typeof d[side] === 'number' ? /** @type {number} */ (d[side]) : 0);
    return { top: side('top'), bottom: side('bottom'), left: side('left'), right: side('right') };
  };
  /** @param {string} prefix @param {Insets} value */
  function setInsetCss(prefix, value) {
    for (const side of /** @type {const} */ (['top', 'bottom', 'left', 'right'])) {
      setCss(`${prefix}-${side}`, `${value[side]}px`);
    }
  }
  setInsetCss('safe-area-inset', safeAreaInset);
  setInsetCss('content-safe-area-inset', contentSafeAreaInset);

  const BackButton = (() => {
    let isVisible = false;
    const button = {
      get isVisible() {
        return isVisible;
      },
      set isVisible(value) {
        setVisible(!!value);
      },
      show: () => setVisible(true),
      hide: () => setVisible(false),
      /** @param {() => void} callback */
      onClick: (callback) => {
        on('backButtonClicked', callback);
        return button;
      },
      /** @param {() => void} callback */
      offClick: (callback) => {
        off('backButtonClicked', callback);
        return button;
      },
    };
    /** @param {boolean} visible */
    function setVisible(visible) {
      if (visible !== isVisible) {
        isVisible = visible;
        postEvent('web_app_setup_back_button', { is_visible: isVisible });
      }
      return button;
    }
    return button;
  })();

  /** What a press of the parent's MainButton does; set once the MainButton exists. */
  const presses = { main: () => {} };

  const MainButton = (() => {
    const state = {
      text: 'Continue',
      isVisible: false,
      isActive: true,
      isProgressVisible: false,
      hasShineEffect: false,
    };
    /** @type {string | undefined} */
    let color;
    /** @type {string | undefined} */
    let textColor;
    let sent = '';
    function params() {
      if (!state.isVisible) return { is_visible: false };
      return {
        is_visible: true,
        is_active: state.isActive,
        is_progress_visible: state.isProgressVisible,
        text: state.text,
        color: color ?? themeParams.button_color ?? '#2481cc',
        text_color: textColor ?? themeParams.button_text_color ?? '#ffffff',
        has_shine_effect: state.hasShineEffect && state.isActive && !state.isProgressVisible,
      };
    }
    function update() {
      const next = params();
      if (JSON.stringify(next) !== sent) {
        sent = JSON.stringify(next);
        postEvent('web_app_setup_main_button', next);
      }
      return button;
    }
    /** @param {{ text?: string, color?: string, text_color?: string, is_visible?: boolean, is_active?: boolean,
     *   has_shine_effect?: boolean }} p */
    function setParams(p) {
      if (p.text !== undefined) {
        const text = String(p.text).trim();
        if (text === '' || text.length > 64) throw Error('WebAppBottomButtonParamInvalid');
        state.text = text;
      }
      if (p.color !== undefined) color = hexColor(String(p.color));
      if (p.text_color !== undefined) textColor = hexColor(String(p.text_color));
      if (p.is_visible !== undefined) state.isVisible = !!p.is_visible;
      if (p.is_active !== undefined) state.isActive = !!p.is_active;
      if (p.has_shine_effect !== undefined) state.hasShineEffect = !!p.has_shine_effect;
      return update();
    }
    const button = {
      get text() {
        return state.text;
      },
      set text(value) {
        setParams({ text: value });
      },
      get color() {
        return color ?? themeParams.button_color ?? '#2481cc';
      },
      get textColor() {
        return textColor ?? themeParams.button_text_color ?? '#ffffff';
      },
      get isVisible() {
        return state.isVisible;
      },
      get isActive() {
        return state.isActive;
      },
      get isProgressVisible() {
        return state.isProgressVisible;
      },
      get hasShineEffect() {
        return state.hasShineEffect;
      },
      setParams,
      /** @param {string} text */
      setText: (text) => setParams({ text }),
      show: () => setParams({ is_visible: true }),
      hide: () => setParams({ is_visible: false }),
      enable: () => setParams({ is_active: true }),
      disable: () => setParams({ is_active: false }),
      showProgress: (leaveActive = false) => {
        state.isActive = !!leaveActive;
        state.isProgressVisible = true;
        return update();
      },
      hideProgress: () => {
        state.isActive = true;
        state.isProgressVisible = false;
        return update();
      },
      /** @param {() => void} callback */
      onClick: (callback) => {
        on('mainButtonClicked', callback);
        return button;
      },
      /** @param {() => void} callback */
      offClick: (callback) => {
        off('mainButtonClicked', callback);
        return button;
      },
    };
    presses.main = () => {
      if (state.isActive) emit('mainButtonClicked');
    };
    return button;
  })();

  const IMPACT_STYLES = ['light', 'medium', 'heavy', 'rigid', 'soft'];
  const NOTIFICATION_TYPES = ['error', 'success', 'warning'];
  const HapticFeedback = {
    /** @param {string} style */
    impactOccurred(style) {
      if (!IMPACT_STYLES.includes(style)) throw Error('WebAppHapticImpactStyleInvalid');
      postEvent('web_app_trigger_haptic_feedback', { type: 'impact', impact_style: style });
      return HapticFeedback;
    },
    /** @param {string} type */
    notificationOccurred(type) {
      if (!NOTIFICATION_TYPES.includes(type)) throw Error('WebAppHapticNotificationTypeInvalid');
      postEvent('web_app_trigger_haptic_feedback', { type: 'notification', notification_type: type });
      return HapticFeedback;
    },
    selectionChanged() {
      postEvent('web_app_trigger_haptic_feedback', { type: 'selection_change' });
      return HapticFeedback;
    },
  };

  /** @param {string} name @param {(data?: any) => void} callback */
  function on(name, callback) {
    const list = handlers[name] ?? [];
    handlers[name] = list;
    if (!list.includes(callback)) list.push(callback);
  }
  /** @param {string} name @param {(data?: any) => void} callback */
  function off(name, callback) {
    const list = handlers[name] ?? [];
    const at = list.indexOf(callback);
    if (at >= 0) list.splice(at, 1);
  }

  const WebApp = {
    initData,
    initDataUnsafe,
    version,
    platform,
    get colorScheme() {
      return colorScheme;
    },
    themeParams,
    get viewportHeight() {
      return viewportHeight;
    },
    get viewportStableHeight() {
      return viewportStableHeight;
    },
    get isExpanded() {
      return isExpanded;
    },
    get safeAreaInset() {
      return { ...safeAreaInset };
    },
    get contentSafeAreaInset() {
      return { ...contentSafeAreaInset };
    },
    BackButton,
    MainButton,
    HapticFeedback,
    isVersionAtLeast,
    onEvent: on,
    offEvent: off,
    ready: () => postEvent('web_app_ready'),
    expand: () => postEvent('web_app_expand'),
    close: () => postEvent('web_app_close', {}),
  };

  /** What the parent sends, by eventType. @type {Record<string, (data: any) => void>} */
  const incoming = {
    theme_changed(data) {
      if (!data?.theme_params) return;
      setThemeParams(data.theme_params);
      emit('themeChanged');
    },
    viewport_changed(data) {
      if (typeof data?.height !== 'number') return;
      viewportHeight = data.height;
      isExpanded = !!data.is_expanded;
      if (data.is_state_stable) viewportStableHeight = data.height;
      setViewportCss();
      emit('viewportChanged', { isStateStable: !!data.is_state_stable });
    },
    safe_area_changed(data) {
      safeAreaInset = insets(data);
      setInsetCss('safe-area-inset', safeAreaInset);
      emit('safeAreaChanged');
    },
    content_safe_area_changed(data) {
      contentSafeAreaInset = insets(data);
      setInsetCss('content-safe-area-inset', contentSafeAreaInset);
      emit('contentSafeAreaChanged');
    },
    back_button_pressed: () => emit('backButtonClicked'),
    main_button_pressed: () => presses.main(),
    reload_iframe() {
      postEvent('iframe_will_reload');
      location.reload();
    },
  };

  if (isIframe) {
    window.addEventListener('message', (event) => {
      if (event.source !== window.parent || typeof event.data !== 'string') return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      const handle = message && typeof message.eventType === 'string' ? incoming[message.eventType] : undefined;
      handle?.(message.eventData);
    });
  }

  const global = /** @type {{ Telegram?: object }} */ (/** @type {unknown} */ (window));
  global.Telegram = Object.assign(global.Telegram ?? {}, { WebApp });
  postEvent('iframe_ready', { reload_supported: true });
  postEvent('web_app_request_theme');
  postEvent('web_app_request_viewport');
  postEvent('web_app_request_safe_area');
  postEvent('web_app_request_content_safe_area');
})();
