/** The Telegram Mini App's own logic, which web's `/miniapp` route and hooks use: nothing here touches the DOM. */
export { type MiniAppView, showChrome } from './chrome.ts';
export { miniAppPolicy } from './csp.ts';
export { extraKeyHaptic } from './haptics.ts';
export { authenticate, type LaunchFailure, launchFailure, sessionParam } from './launch.ts';
export { isLocal, type MiniAppEnv, webAppScript } from './script-url.ts';
export { startWebApp } from './start.ts';
export { pageTheme } from './theme.ts';
export { VIEWPORT_VARS, viewportVars } from './viewport.ts';
export { type TelegramWebApp, webAppOf } from './webapp.ts';
