/** What other packages may use from localcloud. */
export { answerConsent } from './consent.ts';
export type { RecordedRequest } from './control.ts';
export type { Logger } from './log.ts';
export { createLogger, silentLogger } from './log.ts';
export type { Account } from './oauth-store.ts';
export { type LocalCloud, type LocalCloudOptions, startLocalCloud } from './server.ts';
export {
  type DropletBoot,
  dropletBootFromUserData,
  type GatewayBootEnv,
  gatewayEnvFromUserData,
  type WrittenFile,
} from './user-data.ts';
