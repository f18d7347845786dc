/** The droplet harness's one error type: a stable `code` for the test's messages, a message that says what to do. */
export type DropletErrorCode =
  | 'droplet.not_root'
  | 'droplet.tool_missing'
  | 'droplet.root_build_failed'
  | 'droplet.namespace_failed'
  | 'droplet.command_failed'
  | 'droplet.unit_unsupported';

export class DropletError extends Error {
  constructor(
    readonly code: DropletErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DropletError';
  }
}
