/**
 * The tmux configuration the gateway's server runs with (`tmux -f`), so the user's own ~/.tmux.conf never
 * changes how sessions behave. Its last line tags the server with a hash of the settings (`@vibe_config`), so a
 * gateway can tell whether a server that is already running read these settings or an older gateway's.
 */
import { createHash } from 'node:crypto';

/** The `wait-for` channel the pane-died hook signals. */
export const PANE_DIED_CHANNEL = 'vibe-pane-died';

export function tmuxConfig(): { text: string; version: string } {
  const settings = [
    // A prompt even when no profile sets one (the server's environment is the daemon's).
    `set -g default-command "env PS1='\\\\w \\\\$ ' bash"`,
    'set -g default-terminal tmux-256color',
    // Without RGB tmux downsamples truecolor to 256 colours.
    "set -as terminal-features ',xterm-256color:RGB'",
    // The viewer's xterm.js keeps scrollback only in its normal screen, and only for lines a line feed scrolls
    // off. So no alternate screen for the outer terminal (tmux would enter it on every attach, hiding the history
    // a snapshot put there; programs' own alternate screens are tmux's business inside the pane), and no
    // `CSI n S` (indn) to scroll several lines at once, which xterm.js drops instead of keeping.
    "set -as terminal-overrides ',*:smcup@:rmcup@:indn@'",
    // Rows of scrollback per pane. A snapshot carries 2,000 lines of it (SNAPSHOT_HISTORY_LINES); 5,000 rows keep
    // those 2,000 even when lines wrap to 2.5 rows on average. Measured per full pane: ~2 MiB of plain 76-column
    // text, ~9 MiB when every word is in 24-bit colour as agents print it (50,000 cost 21 and 94 MiB: 470 MiB of
    // tmux for five coloured panes).
    'set -g history-limit 5000',
    'set -g set-clipboard on',
    // The size follows the (one) attached client: the viewer's terminal.
    'set -g window-size latest',
    'setw -g aggressive-resize on',
    'set -g escape-time 0',
    // Viewers have their own chrome; a status line would steal a row.
    'set -g status off',
    // Ctrl-B belongs to the programs in the session (agents use it), not to a tmux prefix nobody sees.
    'set -g prefix None',
    'unbind C-b',
    // When the program exits its pane stays, dead, with its screen and scrollback: the user reads why it ended
    // and restarts it (respawn-pane). The hook wakes the gateway's `wait-for` (pane-deaths.ts), so it learns of a
    // death at once without polling. No exit line in the pane (the page says "exited (code N)" above it): to draw
    // one tmux moves the cursor to the bottom row, and a pane whose cursor is on its bottom row pushes its top
    // lines into history when it gets shorter (as it does when the page's exit notice takes height), leaving a
    // blank screen. Without it the cursor stays under the program's last output and the blank rows go first.
    'set -g remain-on-exit on',
    'set -g remain-on-exit-format ""',
    `set-hook -g pane-died 'wait-for -S ${PANE_DIED_CHANNEL}'`,
    // The server stays for the other sessions when one goes.
    'set -g exit-empty off',
    'set -g destroy-unattached off',
  ].join('\n');
  const version = createHash('sha256').update(settings).digest('hex').slice(0, 16);
  return { text: `${settings}\nset -g @vibe_config ${version}\n`, version };
}
