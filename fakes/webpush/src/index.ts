/** What other packages may use from the Web Push service stand-in. */

export type { Urgency } from './push-headers.ts';
export type { ReceivedPush } from './push-route.ts';
export {
  type FakePushService,
  type FakePushServiceOptions,
  type RefusedPush,
  startFakePushService,
} from './server.ts';
export type { PushSubscriptionJSON } from './subscriptions.ts';
export type { VapidClaims } from './vapid.ts';
