/**
 * The control-plane API as functions. Same origin only: cookies ride along, and every mutating call sends JSON,
 * which the server's CSRF check requires. Any non-2xx answer throws an `ApiError`.
 */
import { ApiError, errorFromBody } from './api-error.ts';
import type {
  AgentType,
  CloudConnection,
  Notice,
  OutboxEntry,
  Region,
  Session,
  Size,
  SshKey,
  User,
  Vps,
  VpsDetail,
  VpsHealth,
} from './types.ts';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export function createApi(fetchFn: Fetch = (input, init) => fetch(input, init)) {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
    // Every mutating call is JSON, even without a body: the server's CSRF check requires the media type.
    if (method !== 'GET') init.headers = { ...init.headers, 'content-type': 'application/json' };
    if (body !== undefined) init.body = JSON.stringify(body);
    let response: Response;
    try {
      response = await fetchFn(path, init);
    } catch {
      throw new ApiError(0, 'network.unreachable', 'Could not reach VibeCode. Check your connection and try again.');
    }
    const parsed: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
    if (!response.ok) throw errorFromBody(response.status, parsed);
    return parsed as T;
  }

  const vpsPath = (id: string) => `/api/vps/${encodeURIComponent(id)}`;

  return {
    requestMagicLink: (email: string) => request<{ ok: true }>('POST', '/api/auth/magic-link', { email }),
    logout: () => request<{ ok: true }>('POST', '/api/auth/logout', {}),
    me: async () => (await request<{ user: User }>('GET', '/api/me')).user,
    listVps: async () => (await request<{ vps: Vps[] }>('GET', '/api/vps')).vps,
    getVps: async (id: string) => (await request<{ vps: VpsDetail }>('GET', `/api/vps/${encodeURIComponent(id)}`)).vps,
    vpsHealth: (id: string) => request<VpsHealth>('GET', `${vpsPath(id)}/health`),
    listSessions: async (vpsId: string) =>
      (await request<{ sessions: Session[] }>('GET', `/api/vps/${encodeURIComponent(vpsId)}/sessions`)).sessions,
    createSession: async (vpsId: string, title: string, agentType: AgentType) =>
      (
        await request<{ session: Session }>('POST', `/api/vps/${encodeURIComponent(vpsId)}/sessions`, {
          title,
          agent_type: agentType,
        })
      ).session,
    endSession: async (id: string) =>
      (await request<{ session: Session }>('DELETE', `/api/sessions/${encodeURIComponent(id)}`)).session,
    cloud: async () => (await request<{ connection: CloudConnection | null }>('GET', '/api/cloud')).connection,
    disconnectCloud: () => request<null>('DELETE', '/api/cloud'),
    regions: async () => (await request<{ regions: Region[] }>('GET', '/api/cloud/regions')).regions,
    sizes: async () => (await request<{ sizes: Size[] }>('GET', '/api/cloud/sizes')).sizes,
    createVps: async (region: string, size: string, name?: string) =>
      (await request<{ vps: Vps }>('POST', '/api/vps', name ? { region, size, name } : { region, size })).vps,
    power: async (id: string, action: 'off' | 'on') =>
      (await request<{ vps: Vps }>('POST', `${vpsPath(id)}/power`, { action })).vps,
    retryVps: async (id: string) => (await request<{ vps: Vps }>('POST', `${vpsPath(id)}/retry`)).vps,
    destroyVps: (id: string, confirmName: string) => request<null>('DELETE', vpsPath(id), { confirm: confirmName }),
    notices: async () => (await request<{ notifications: Notice[] }>('GET', '/api/notifications')).notifications,
    dismissNotice: (id: string) => request<null>('POST', `/api/notifications/${encodeURIComponent(id)}/dismiss`),
    listKeys: async (vpsId: string) => (await request<{ keys: SshKey[] }>('GET', `${vpsPath(vpsId)}/keys`)).keys,
    addKey: async (vpsId: string, publicKey: string, label: string) =>
      (await request<{ key: SshKey }>('POST', `${vpsPath(vpsId)}/keys`, { public_key: publicKey, label })).key,
    removeKey: (vpsId: string, fingerprint: string) =>
      request<null>('DELETE', `${vpsPath(vpsId)}/keys/${encodeURIComponent(fingerprint)}`),
    grantSupport: async (vpsId: string) =>
      (await request<{ key: SshKey }>('POST', `${vpsPath(vpsId)}/support-access`)).key,
    revokeSupport: (vpsId: string) => request<null>('DELETE', `${vpsPath(vpsId)}/support-access`),
    /** Local mode only: the sign-in mails. Resolves to null where the outbox does not exist (production). */
    devOutbox: async () => {
      try {
        return await request<OutboxEntry[]>('GET', '/api/dev/outbox');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  };
}

export type Api = ReturnType<typeof createApi>;

export const api: Api = createApi();
