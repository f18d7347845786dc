/** The shared terminal: the web app and the Telegram Mini App import it from `@vibecode/web/terminal`. */
export { sessionSocketUrl } from './browser-transport.ts';
export type { LinkState, LinkStatus } from './link-state.ts';
export { default as Terminal } from './Terminal.svelte';
