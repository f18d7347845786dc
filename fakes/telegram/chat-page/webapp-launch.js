/**
 * How a Telegram client launches a Mini App: the button's URL with the launch parameters appended to its hash
 * (`tgWebAppData`, `tgWebAppVersion`, `tgWebAppPlatform`, `tgWebAppThemeParams`), merged into an existing hash the
 * way telegram-web-app.js's `urlAppendHashParams` describes; and the theme the client passes (Telegram Web's light
 * and dark palettes).
 */

/** The Bot API Mini App version the stand-in's client claims: safe areas arrived in 8.0. */
export const WEB_APP_VERSION = '8.0';
/** Telegram Web A's platform name. */
export const WEB_APP_PLATFORM = 'weba';

/** @typedef {Record<string, string>} ThemeParams */

/** @type {{ light: ThemeParams, dark: ThemeParams }} */
export const THEMES = {
  light: {
    bg_color: '#ffffff',
    text_color: '#000000',
    hint_color: '#707579',
    link_color: '#3390ec',
    button_color: '#3390ec',
    button_text_color: '#ffffff',
    secondary_bg_color: '#f4f4f5',
    header_bg_color: '#ffffff',
    bottom_bar_bg_color: '#ffffff',
    accent_text_color: '#3390ec',
    section_bg_color: '#ffffff',
    section_header_text_color: '#3390ec',
    section_separator_color: '#e7e7e7',
    subtitle_text_color: '#707579',
    destructive_text_color: '#e53935',
  },
  dark: {
    bg_color: '#212121',
    text_color: '#ffffff',
    hint_color: '#aaaaaa',
    link_color: '#8774e1',
    button_color: '#8774e1',
    button_text_color: '#ffffff',
    secondary_bg_color: '#181818',
    header_bg_color: '#212121',
    bottom_bar_bg_color: '#212121',
    accent_text_color: '#8774e1',
    section_bg_color: '#212121',
    section_header_text_color: '#aaaaaa',
    section_separator_color: '#111111',
    subtitle_text_color: '#aaaaaa',
    destructive_text_color: '#ff595a',
  },
};

/**
 * @param {string} url the button's Mini App URL
 * @param {string} initData signed by the stand-in (`POST /_fake/chat/webapp`)
 * @param {ThemeParams} theme
 */
export function launchUrl(url, initData, theme) {
  const params = [
    `tgWebAppData=${encodeURIComponent(initData)}`,
    `tgWebAppVersion=${WEB_APP_VERSION}`,
    `tgWebAppPlatform=${WEB_APP_PLATFORM}`,
    `tgWebAppThemeParams=${encodeURIComponent(JSON.stringify(theme))}`,
  ].join('&');
  const at = url.indexOf('#');
  if (at < 0) return `${url}#${params}`;
  const hash = url.slice(at + 1);
  if (hash.includes('=') || hash.includes('?')) return `${url}&${params}`;
  return hash === '' ? `${url}${params}` : `${url}?${params}`;
}
