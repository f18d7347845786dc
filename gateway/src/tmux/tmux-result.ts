/** What a tmux command answered, by either path (a process of its own, or the control client's pipe). */
export interface TmuxResult {
  code: number;
  stdout: string;
  stderr: string;
}
