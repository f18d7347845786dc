/** What other packages may use from localcloud. */
export { type Logger, silentLogger } from '@vibecode/schemas/log';
export { answerConsent } from './consent.ts';
export type { RecordedRequest } from './control.ts';
export type { Account } from './oauth-store.ts';
export { type LocalCloud, type LocalCloudOptions, startLocalCloud } from './server.ts';
export {
  type DropletBoot,
  dropletBootFromUserData,
  type GatewayBootEnv,
  gatewayEnvFromUserData,
  type WrittenFile,
} from './user-data.ts';
