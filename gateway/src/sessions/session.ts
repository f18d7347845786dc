/**
 * One live session: the tmux session, the PTY running `tmux attach` for it, and its output pipeline
 * (batcher → seq + ring → the link). Flow control pauses reading the PTY while the viewers' unacked window or
 * the link's send buffer is past its high-water mark; tmux then coalesces and redraws, so the newest screen wins.
 */
import { echoRef, encodeOutputFrame, message, RING_BYTES, UNACKED_WINDOW_BYTES } from '@vibecode/schemas';
import { FlowGate } from '@vibecode/schemas/link';
import type { Logger } from '@vibecode/schemas/log';
import * as pty from 'node-pty';
import { type Answer, AttentionWatch, systemClock } from '../attention/attention-watch.ts';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { HubLink } from '../link/hub-link.ts';
import { OutputBatcher } from '../output/batcher.ts';
import { OutputRing } from '../output/ring.ts';
import type { PaneExit } from '../tmux/pane-exit.ts';
import type { Tmux } from '../tmux/tmux.ts';

export interface SessionDeps {
  tmux: Tmux;
  log: Logger;
  /** The hub link that is up now, if any. */
  link(): HubLink | undefined;
  onActivity(): void;
  /** The zone a usage limit's reset time is in when it names none (the machine's). */
  localZone: string;
  /** The `tmux attach` client exited; the manager decides why. */
  onClientExit(session: Session): void;
}

/** How the session's program ended, while its pane is dead. */
export interface SessionExit extends PaneExit {
  lines: string[];
}

/**
 * The ring holds more than the unacked window, so output held back for an absent viewer (reading pauses at
 * the window) is still all there when it comes back: a short drop never costs a snapshot.
 */
export const RING_CAPACITY = RING_BYTES + 256 * 1024;
/**
 * Seqs are reserved on the tmux session in blocks, ahead of use, so a restarted gateway continues above every
 * seq its predecessor sent: a viewer's old last_seq can then never be mistaken for a frame of the new process.
 */
export const SEQ_BLOCK = 1 << 20;
const UNACKED_LOW = UNACKED_WINDOW_BYTES / 4;

export class Session {
  readonly ring: OutputRing;
  /** What its program is doing (working, asking, done, limited), reported as session.state. */
  readonly attention: AttentionWatch;
  private readonly batcher: OutputBatcher;
  private readonly unacked = new FlowGate(UNACKED_WINDOW_BYTES, UNACKED_LOW);
  private client: pty.IPty | undefined;
  /** Each PTY client's tmux name, once looked up (`redraw`). */
  private readonly clientNames = new WeakMap<pty.IPty, string>();
  private attached = false;
  private ackedSeq: number;
  private seqReserved: number;
  private readPaused = false;
  private resyncing = 0;
  private attachQueue: Promise<void> = Promise.resolve();
  private cols = 80;
  private rows = 24;
  /** Set once the session is being ended or the gateway is shutting down: its exit is expected. */
  closing: 'ended' | 'shutdown' | undefined;
  /** Set while its program has exited (the pane is dead): the screen stays, input goes nowhere. */
  exit: SessionExit | undefined;
  /** Set once the hub knows it (started reported, or adopted): an exit is reported only after that. */
  ready = false;

  constructor(
    readonly sessionNumber: number,
    readonly tmuxName: string,
    readonly workdir: string,
    private readonly deps: SessionDeps,
    /** The highest seq reserved for this process; frames start right after the previous reservation. */
    seqReserved: number = SEQ_BLOCK,
  ) {
    this.seqReserved = seqReserved;
    this.ring = new OutputRing(RING_CAPACITY, seqReserved - SEQ_BLOCK + 1);
    this.ackedSeq = this.ring.last;
    this.batcher = new OutputBatcher((bytes) => this.emit(bytes));
    this.attention = new AttentionWatch({
      capture: async () => (await deps.tmux.captureScreen(tmuxName)).text,
      send: (report) => deps.link()?.send(message('session.state', { session_id: sessionNumber, ...report })),
      type: (keys) => this.input(keys),
      clock: systemClock,
      localZone: deps.localZone,
      log: deps.log,
    });
    // The program's start draws its screen: that answers its launch, as an echo answers a key, and is not work.
    this.attention.input();
  }

  get log(): Logger {
    return this.deps.log;
  }

  /** Starts (or restarts) the PTY client attached to the tmux session. */
  openClient(): void {
    const { tmux } = this.deps;
    const client = pty.spawn('tmux', tmux.argv('attach-session', '-t', `=${this.tmuxName}`), {
      name: 'xterm-256color',
      cols: this.cols,
      rows: this.rows,
      cwd: this.workdir,
      env: { ...tmux.env, TERM: 'xterm-256color' },
      encoding: null,
    });
    this.client = client;
    this.readPaused = false;
    client.onData((data) => {
      this.deps.onActivity();
      this.attention.output();
      this.batcher.push(data as unknown as Buffer);
    });
    client.onExit(() => {
      if (this.client !== client) return;
      this.client = undefined;
      this.batcher.flush();
      this.deps.onClientExit(this);
    });
    this.updateFlow();
  }

  input(data: string): void {
    if (!this.client) throw new GatewayError('session.not_running', 'the session has no terminal right now');
    // Keys typed at a dead pane are dropped: nothing runs to read them, and they must not reach the next program.
    if (this.exit) return;
    this.deps.onActivity();
    this.attention.input();
    this.batcher.onInput();
    this.client.write(data);
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    // tmux redraws for the new size: that redraw answers the viewer, like an echo, and is no work of the program.
    this.batcher.onInput();
    this.attention.input();
    this.client?.resize(cols, rows);
  }

  /**
   * Answers the prompt on screen (session.answer) when it is still the one the answer was made for: session.answered,
   * else session.error (session.prompt_changed, session.answer_invalid) and nothing typed.
   */
  async answer(ref: string, answer: Answer): Promise<void> {
    try {
      if (!this.client || this.exit)
        throw new GatewayError('session.not_running', 'the session has no program running');
      await this.attention.answer(answer);
      this.deps.link()?.send(message('session.answered', { session_id: this.sessionNumber, ref }));
    } catch (e) {
      const error = toGatewayError(e, 'session.answer_failed');
      // The screen's own fingerprint is in the `agent state` line just told (or the last one, when it did not change).
      this.log.info('answer refused', { code: error.code, prompt_fingerprint: answer.prompt_fingerprint });
      this.deps.link()?.send(message('session.error', { session_id: this.sessionNumber, error: error.detail, ref }));
    }
  }

  /** A viewer holds every frame up to `seq`. */
  ack(seq: number): void {
    const capped = Math.min(seq, this.ring.last);
    if (capped <= this.ackedSeq) return;
    this.ackedSeq = capped;
    this.updateFlow();
  }

  /**
   * Starts or re-syncs output on the current link: replay after `lastSeq` when the ring still holds it, else a
   * snapshot (reason `fresh` when the viewer had nothing, `gap` when bytes were skipped), then live frames.
   * Attaches run one at a time.
   */
  attach(lastSeq: number | undefined, ref: string | undefined): Promise<void> {
    const run = () => this.runAttach(lastSeq, ref);
    this.attachQueue = this.attachQueue.then(run, run);
    return this.attachQueue;
  }

  /**
   * Answers session.capture with the visible screen as plain text (session.screen). Unlike attach it changes
   * nothing — no pause, no output starts, no redraw — so it can run beside a viewer's attach at any moment; the
   * hub asks at most every 1.5 s per session, which bounds the tmux processes it starts.
   */
  async capture(ref: string): Promise<void> {
    const link = this.deps.link();
    if (!link) return;
    // Bytes read so far reach the ring first. tmux's pane is never behind what its client has sent, so the
    // screen holds every frame up to this seq.
    this.batcher.flush();
    const seq = this.ring.last;
    try {
      const screen = await this.deps.tmux.captureScreen(this.tmuxName);
      if (this.deps.link() !== link) return;
      link.send(message('session.screen', { session_id: this.sessionNumber, ref, ...screen, seq }));
    } catch (e) {
      const error = toGatewayError(e, 'session.capture_failed');
      this.log.warn('screen capture failed', { code: error.code, error: error.message });
      if (this.deps.link() === link) {
        link.send(message('session.error', { session_id: this.sessionNumber, error: error.detail, ref }));
      }
    }
  }

  /** The link went away: output keeps filling the ring until the unacked window stops reading. */
  detach(): void {
    this.attached = false;
    this.updateFlow();
  }

  /** Re-evaluates whether to read the PTY; called on every frame, ack, and link drain. */
  updateFlow(): void {
    this.unacked.update(this.ring.produced - this.ring.offsetAfter(this.ackedSeq));
    const pause = this.unacked.isClosed || this.resyncing > 0 || (this.deps.link()?.congested() ?? false);
    if (!this.client || pause === this.readPaused) return;
    this.readPaused = pause;
    if (pause) this.client.pause();
    else this.client.resume();
  }

  get isReading(): boolean {
    return this.client !== undefined && !this.readPaused;
  }

  /** Stops the PTY client; the tmux session itself is left alone. */
  closeClient(): void {
    this.batcher.dispose();
    this.attention.dispose();
    const client = this.client;
    this.client = undefined;
    client?.kill();
  }

  /**
   * Makes the PTY client redraw its whole screen. Its tmux name is looked up once per client: every viewer's snapshot
   * is followed by a redraw that the next viewer's waits for, so a second tmux process each time would lengthen
   * every first frame in a burst of tabs.
   */
  private async redraw(client: pty.IPty): Promise<void> {
    let name = this.clientNames.get(client);
    if (name === undefined) {
      name = await this.deps.tmux.clientName(client.pid);
      if (name === undefined) return;
      this.clientNames.set(client, name);
    }
    await this.deps.tmux.refreshClient(name);
  }

  /** A viewer that (re)attaches to a dead pane learns it is exited, with why, right after its screen. */
  private sayExited(link: HubLink): void {
    if (this.exit) link.send(message('session.exited', { session_id: this.sessionNumber, ...this.exit }));
  }

  private emit(bytes: Uint8Array): void {
    const frame = this.ring.push(bytes);
    if (frame.seq > this.seqReserved - SEQ_BLOCK / 2) {
      this.seqReserved = frame.seq + SEQ_BLOCK;
      this.deps.tmux
        .reserveSeq(this.tmuxName, this.seqReserved)
        .catch((e) => this.log.warn('seq reservation failed', { error: (e as Error).message }));
    }
    const link = this.deps.link();
    if (this.attached && link) link.sendFrame(encodeOutputFrame(this.sessionNumber, frame.seq, bytes));
    this.updateFlow();
  }

  private async runAttach(lastSeq: number | undefined, ref: string | undefined): Promise<void> {
    const link = this.deps.link();
    if (!link) return;
    this.attached = false;
    if (lastSeq !== undefined && this.ring.canReplayAfter(lastSeq)) {
      for (const f of this.ring.after(lastSeq)) link.sendFrame(encodeOutputFrame(this.sessionNumber, f.seq, f.payload));
      this.ackedSeq = Math.max(this.ackedSeq, lastSeq);
      this.attached = true;
      this.updateFlow();
      this.sayExited(link);
      return;
    }
    const reason = lastSeq === undefined || lastSeq === 0 ? 'fresh' : 'gap';
    this.resyncing += 1;
    this.updateFlow();
    try {
      this.batcher.flush();
      const seq = this.ring.last;
      const capture = await this.deps.tmux.capture(this.tmuxName);
      const current = this.deps.link();
      if (current !== link) return;
      link.send(
        message('session.snapshot', { session_id: this.sessionNumber, ...capture, seq, reason, ...echoRef(ref) }),
      );
      // Bytes read before the pause took hold are newer than the snapshot: they follow it, in order.
      for (const f of this.ring.after(seq)) link.sendFrame(encodeOutputFrame(this.sessionNumber, f.seq, f.payload));
      this.ackedSeq = Math.max(this.ackedSeq, seq);
      this.attached = true;
      // The pane may already be ahead of the bytes the client has sent; a full redraw puts every viewer right.
      if (this.client) {
        // The redraw answers the viewer's attach: not the program at work.
        this.attention.input();
        await this.redraw(this.client);
      }
      this.sayExited(link);
    } catch (e) {
      const error = toGatewayError(e, 'session.snapshot_failed');
      this.log.warn('snapshot failed', { code: error.code, error: error.message });
      link.send(message('session.error', { session_id: this.sessionNumber, error: error.detail, ...echoRef(ref) }));
    } finally {
      this.resyncing -= 1;
      this.updateFlow();
    }
  }
}
