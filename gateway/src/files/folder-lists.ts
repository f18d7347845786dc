/**
 * `file.list` → `file.listing`, or `file.error` with the reason (`file.not_found`, `file.not_a_folder`,
 * `file.denied`, `file.path_invalid`, `session.not_found`, `file.busy`). At most MAX_LISTINGS run at once; one more
 * is refused with `file.busy` rather than queued, and the panel asks again.
 */
import { echoRef, type MessageByType, message } from '@vibecode/schemas';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { HubLink } from '../link/hub-link.ts';
import { listFolder } from './folder-listing.ts';
import type { TransferDeps } from './uploads.ts';

const MAX_LISTINGS = 4;

export class FolderLists {
  private running = 0;

  constructor(private readonly deps: Pick<TransferDeps, 'workdirOf' | 'log'>) {}

  async list(cmd: MessageByType['file.list'], out: HubLink): Promise<void> {
    const ref = echoRef(cmd.ref);
    const fail = (e: unknown) => {
      const error = toGatewayError(e, 'file.read_failed');
      this.deps.log.info('folder not listed', { session_id: cmd.session_id, code: error.code });
      out.send(message('file.error', { session_id: cmd.session_id, error: error.detail, ...ref }));
    };
    const workdir = this.deps.workdirOf(cmd.session_id);
    if (!workdir) return fail(new GatewayError('session.not_found', `no session ${cmd.session_id}`));
    if (this.running >= MAX_LISTINGS) {
      return fail(new GatewayError('file.busy', `at most ${MAX_LISTINGS} folder listings at once`));
    }
    this.running++;
    try {
      const listing = await listFolder(workdir, cmd.path);
      out.send(message('file.listing', { session_id: cmd.session_id, ...listing, ...ref }));
    } catch (e) {
      fail(e);
    } finally {
      this.running--;
    }
  }
}
