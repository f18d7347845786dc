/** The shared terminal: the web app and the Telegram Mini App import it from `@vibecode/web/terminal`. */
export { sessionSocketUrl } from './browser-socket.ts';
export type { LinkState, LinkStatus } from './session-link.ts';
export { default as Terminal } from './Terminal.svelte';
