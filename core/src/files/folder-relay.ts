/**
 * Relays a folder listing: `file.list` → the gateway's `file.listing` (or its `file.error`, which becomes a HubError
 * with the gateway's code: `file.not_found`, `file.not_a_folder`, `file.denied`, `file.path_invalid`). The gateway
 * confines the path and bounds the entries (FILE_LIST_MAX_ENTRIES); the hub only carries one frame back.
 */
import { type ApiResponse, message } from '@vibecode/schemas';
import { type GatewayRpc, request } from '../hub/gateway-rpc.ts';

export interface FolderRequest {
  sessionNumber: number;
  /** Relative to the session workdir; '' for the workdir itself. */
  path: string;
}

export type FolderListing = ApiResponse<'GET /api/sessions/:id/folder'>;

export async function relayFolderListing(
  gateway: GatewayRpc,
  folder: FolderRequest,
  timeoutMs: number,
): Promise<FolderListing> {
  const reply = await request(
    gateway,
    (ref) => message('file.list', { session_id: folder.sessionNumber, path: folder.path, ref }),
    'file.listing',
    timeoutMs,
  );
  return { path: reply.path, entries: reply.entries, truncated: reply.truncated };
}
