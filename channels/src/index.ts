/** What the Worker entry uses from the channels: the contracts, the registries and the web/email channel. */
export type { Channel } from './channel.ts';
export { channelRegistry } from './registry.ts';
export { type Rendered, renderNotification } from './render.ts';
export type { ChannelSurface } from './surface.ts';
export { surfaceRegistry } from './surface-registry.ts';
export { type WebEmailDeps, webEmailChannel } from './web-email-channel.ts';
