/**
 * The control-plane API as functions, typed by its contract (schemas/api/routes.json): each call names its route,
 * so its body and its answer are the route's. Same origin only: cookies ride along, and every mutating call sends
 * JSON, which the server's CSRF check requires. Any non-2xx answer throws an `ApiError`.
 */
import type {
  AgentType,
  AnswerSessionRequest,
  ApiBodyRoute,
  ApiRequest,
  ApiResponse,
  ApiRoute,
  PowerRequest,
  SessionCreate,
} from '@vibecode/schemas';
import { ApiError, errorFromBody } from './api-error.ts';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;
type AgentConfig = NonNullable<SessionCreate['agent_config']>;

/** The `:name` placeholders of a route's path. */
type Params<R extends string> = R extends `${string}:${infer Name}/${infer Rest}`
  ? Name | Params<`/${Rest}`>
  : R extends `${string}:${infer Name}`
    ? Name
    : never;

type CallArgs<R extends ApiRoute> = [
  ...([Params<R>] extends [never] ? [] : [params: Record<Params<R>, string>]),
  ...(R extends ApiBodyRoute ? [body: ApiRequest<R>] : []),
];

/** `/api/vps/:id/power` with `{id: 'v 1'}` → `/api/vps/v%201/power`. */
export function routePath(template: string, params: Record<string, string>): string {
  return template.replace(/:([a-z_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${template}`);
    return encodeURIComponent(value);
  });
}

export function createApi(fetchFn: Fetch = (input, init) => fetch(input, init)) {
  async function call<R extends ApiRoute>(route: R, ...args: CallArgs<R>): Promise<ApiResponse<R>> {
    const [method = 'GET', template = ''] = route.split(' ');
    const takesParams = template.includes(':');
    const params = (takesParams ? args[0] : {}) as Record<string, string>;
    const body = takesParams ? args[1] : args[0];
    const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
    // Every mutating call is JSON, even without a body: the server's CSRF check requires the media type.
    if (method !== 'GET') init.headers = { ...init.headers, 'content-type': 'application/json' };
    if (body !== undefined) init.body = JSON.stringify(body);
    let response: Response;
    try {
      response = await fetchFn(routePath(template, params), init);
    } catch {
      throw new ApiError(0, 'network.unreachable', 'Could not reach VibeCode. Check your connection and try again.');
    }
    const parsed: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
    if (!response.ok) throw errorFromBody(response.status, parsed);
    return parsed as ApiResponse<R>;
  }

  return {
    /** `next`: where the mailed link lands after sign-in (a same-origin path, `safeNextPath`). */
    requestMagicLink: (email: string, next?: string) =>
      call('POST /api/auth/magic-link', next ? { email, next } : { email }),
    logout: () => call('POST /api/auth/logout'),
    logoutEverywhere: () => call('POST /api/auth/logout-everywhere'),
    me: async () => (await call('GET /api/me')).user,
    listVps: async () => (await call('GET /api/vps')).vps,
    getVps: async (id: string) => (await call('GET /api/vps/:id', { id })).vps,
    vpsHealth: (id: string) => call('GET /api/vps/:id/health', { id }),
    listSessions: async (vpsId: string) => (await call('GET /api/vps/:id/sessions', { id: vpsId })).sessions,
    createSession: async (vpsId: string, title: string, agentType: AgentType, agentConfig?: AgentConfig) =>
      (
        await call(
          'POST /api/vps/:id/sessions',
          { id: vpsId },
          agentConfig ? { title, agent_type: agentType, agent_config: agentConfig } : { title, agent_type: agentType },
        )
      ).session,
    endSession: async (id: string) => (await call('DELETE /api/sessions/:id', { id })).session,
    restartSession: async (id: string) => (await call('POST /api/sessions/:id/restart', { id })).session,
    /** The sessions whose agent wants the user (a question, a usage limit, finished work), oldest first. */
    attention: async () => (await call('GET /api/attention')).items,
    /** Types a choice or a text into the question a session shows; 409 `session.prompt_changed` when it shows another. */
    answer: (sessionId: string, body: AnswerSessionRequest) =>
      call('POST /api/sessions/:id/answer', { id: sessionId }, body),
    /** Whether to continue the session's agent when its usage limit resets (once); when that will be. */
    continueAtReset: (sessionId: string, enabled: boolean) =>
      call('POST /api/sessions/:id/continue-at-reset', { id: sessionId }, { enabled }),
    /** The server's VAPID key for `pushManager.subscribe`; null when it sends no Web Push. */
    pushKey: async () => (await call('GET /api/push/key')).public_key,
    /** Keeps this browser's push subscription for the signed-in user; its id names it for `unsubscribePush`. */
    subscribePush: async (body: ApiRequest<'POST /api/push/subscriptions'>) =>
      (await call('POST /api/push/subscriptions', body)).subscription.id,
    unsubscribePush: (id: string) => call('DELETE /api/push/subscriptions/:id', { id }),
    cloud: async () => (await call('GET /api/cloud')).connection,
    disconnectCloud: () => call('DELETE /api/cloud'),
    regions: async () => (await call('GET /api/cloud/regions')).regions,
    sizes: async () => (await call('GET /api/cloud/sizes')).sizes,
    createVps: async (region: string, size: string, name?: string) =>
      (await call('POST /api/vps', name ? { region, size, name } : { region, size })).vps,
    power: async (id: string, action: PowerRequest['action']) =>
      (await call('POST /api/vps/:id/power', { id }, { action })).vps,
    autoPowerOff: async (id: string, hours: number | null) =>
      (await call('POST /api/vps/:id/auto-power-off', { id }, { hours })).vps,
    retryVps: async (id: string) => (await call('POST /api/vps/:id/retry', { id })).vps,
    updateGateway: async (id: string) => (await call('POST /api/vps/:id/gateway/update', { id })).update,
    destroyVps: (id: string, confirmName: string) => call('DELETE /api/vps/:id', { id }, { confirm: confirmName }),
    notices: async () => (await call('GET /api/notifications')).notifications,
    dismissNotice: (id: string) => call('POST /api/notifications/:id/dismiss', { id }),
    listKeys: async (vpsId: string) => (await call('GET /api/vps/:id/keys', { id: vpsId })).keys,
    addKey: async (vpsId: string, publicKey: string, label: string) =>
      (await call('POST /api/vps/:id/keys', { id: vpsId }, { public_key: publicKey, label })).key,
    removeKey: (vpsId: string, fingerprint: string) =>
      call('DELETE /api/vps/:id/keys/:fingerprint', { id: vpsId, fingerprint }),
    grantSupport: async (vpsId: string) => (await call('POST /api/vps/:id/support-access', { id: vpsId })).key,
    revokeSupport: (vpsId: string) => call('DELETE /api/vps/:id/support-access', { id: vpsId }),
    telegram: () => call('GET /api/telegram'),
    linkTelegram: () => call('POST /api/telegram/link'),
    unlinkTelegram: () => call('DELETE /api/telegram/link'),
    /** Local mode only: the sign-in mails. Resolves to null where the outbox does not exist (production). */
    devOutbox: async () => {
      try {
        return await call('GET /api/dev/outbox');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  };
}

export type Api = ReturnType<typeof createApi>;

export const api: Api = createApi();
