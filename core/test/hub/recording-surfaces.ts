/**
 * A `SessionSurfaces` that records every call, in place of the channels, for the hub's surface tests: it binds
 * every session to one conversation, and answers renders and attention items from `outcomes` (then `shown`); and
 * a user's VPS whose hub shows its sessions there.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type {
  AttentionCleared,
  BoundSession,
  RenderOptions,
  RenderOutcome,
  Screen,
  SessionAttention,
  SessionSummary,
  SessionSurfaces,
} from '../../src/sessions/surfaces.ts';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway } from '../helpers/gateway-socket.ts';
import { createSession } from './subscriber.ts';

export const binding = { channel: 'chat', conversation: 'topic-1' };

export function recordingSurfaces() {
  const opened: SessionSummary[] = [];
  const renders: { bound: BoundSession; screen: Screen; options: RenderOptions }[] = [];
  const quiet: BoundSession[] = [];
  const ended: { bound: BoundSession; reason: string }[] = [];
  const attention: { bound: BoundSession; item: SessionAttention }[] = [];
  const cleared: { bound: BoundSession; how: AttentionCleared }[] = [];
  const outcomes: RenderOutcome[] = [];
  const surfaces: SessionSurfaces = {
    opened: async (session) => {
      opened.push(session);
      return [binding];
    },
    render: async (bound, screen, options) => {
      renders.push({ bound, screen, options });
      return outcomes.shift() ?? { kind: 'shown' };
    },
    quiet: async (bound) => {
      quiet.push(bound);
    },
    attention: async (bound, item) => {
      attention.push({ bound, item });
      return outcomes.shift() ?? { kind: 'shown' };
    },
    attentionCleared: async (bound, how) => {
      cleared.push({ bound, how });
    },
    ended: async (bound, reason) => {
      ended.push({ bound, reason });
    },
  };
  return { surfaces, opened, renders, quiet, ended, attention, cleared, outcomes };
}

/** A user's VPS whose hub shows sessions on recording surfaces, and one session started on it. */
export async function shownSession() {
  const user = await signIn();
  const vps = await createVpsWithGateway(user.userId);
  const gateway = await connectGateway(vps.credential, vps.gatewayId);
  const stub = env.GATEWAY_HUB.get(env.GATEWAY_HUB.idFromName(vps.gatewayId));
  const recorded = recordingSurfaces();
  await runInDurableObject(stub, (hub) => {
    Object.assign(hub, { surfaces: () => recorded.surfaces });
  });
  const session = await createSession(user.cookie, vps.vpsId, 'Fix the tests');
  return { user, vps, gateway, session, stub, ...recorded };
}
