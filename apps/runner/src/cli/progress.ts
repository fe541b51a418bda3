// Progress of a sweep: on a terminal a single redrawn line (bar, done/total, runs/s, ETA); in CI or
// when not a terminal, a plain line every few seconds; or nothing. The ETA uses the rate since the
// first result (start-up and reused runs left out), blended with the rate of the last few seconds.
import type { ProgressSink } from '../types.js';

/** How progress shows. */
export type ProgressMode = 'tty' | 'plain' | 'none';

/** `tty` on a terminal outside CI, `plain` otherwise. */
export function progressMode(stream: NodeJS.WriteStream): ProgressMode {
  return stream.isTTY && !process.env.CI ? 'tty' : 'plain';
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.ceil(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Counts finished runs and shows them. */
export class Progress implements ProgressSink {
  private label = '';
  private total = 0;
  private done = 0;
  /** Done and time at the first result, and at the start of the current rate window. */
  private base = -1;
  private baseAt = 0;
  private window: { done: number; at: number }[] = [];
  private last = 0;
  private readonly every: number;
  /** Lines written while held (see {@link hold}); undefined when not held. */
  private held: string[] | undefined;

  constructor(
    private readonly mode: ProgressMode,
    private readonly stream: NodeJS.WritableStream,
    private readonly now: () => number = Date.now,
  ) {
    this.every = mode === 'tty' ? 100 : 5000;
  }

  start(label: string, total: number): void {
    this.label = label;
    this.total = total;
    this.done = 0;
    this.base = -1;
    this.window = [];
    this.last = this.now();
    if (this.mode === 'plain' && total > 0) this.out(`${label}: ${total} runs\n`);
  }

  tick(n: number): void {
    const now = this.now();
    this.done += n;
    if (this.base < 0) {
      // The first result: rates are measured from here (start-up, and reused runs, left out).
      this.base = this.done;
      this.baseAt = now;
    }
    this.window.push({ done: this.done, at: now });
    while (this.window.length > 2 && now - this.window[0]!.at > 5000) this.window.shift();
    if (now - this.last >= this.every) {
      this.last = now;
      this.draw(now);
    }
  }

  /** Estimated seconds left: the rate since the first result, blended with the last 5 s's. */
  eta(now = this.now()): number {
    const remaining = this.total - this.done;
    if (remaining <= 0) return 0;
    if (this.base < 0) return Number.POSITIVE_INFINITY;
    const s = (now - this.baseAt) / 1000;
    const overall = s > 0 ? (this.done - this.base) / s : 0;
    const w0 = this.window[0];
    const ws = w0 === undefined ? 0 : (now - w0.at) / 1000;
    const recent = w0 !== undefined && ws > 0.5 ? (this.done - w0.done) / ws : overall;
    const rate = 0.5 * overall + 0.5 * recent;
    return rate > 0 ? remaining / rate : Number.POSITIVE_INFINITY;
  }

  private line(now: number): string {
    const s = (now - this.baseAt) / 1000;
    const rate = s > 0 && this.base >= 0 ? (this.done - this.base) / s : 0;
    const pct = this.total > 0 ? (100 * this.done) / this.total : 100;
    return `${this.done}/${this.total} (${pct.toFixed(1)}%) ${rate.toFixed(0)} runs/s ETA ${duration(this.eta(now))}`;
  }

  /**
   * Holds what the next sweep shows until {@link release}: the CLI starts a sweep while it writes the
   * one before's report, whose line comes first. Plain lines wait; a terminal's bar is drawn on release.
   */
  hold(): void {
    this.held ??= [];
  }

  /** Writes what was held, and the bar of a sweep still running. */
  release(): void {
    const lines = this.held;
    if (lines === undefined) return;
    this.held = undefined;
    for (const l of lines) this.stream.write(l);
    if (this.mode === 'tty' && this.total > 0 && this.done < this.total) this.draw(this.now());
  }

  private out(text: string): void {
    if (this.held !== undefined) this.held.push(text);
    else this.stream.write(text);
  }

  private draw(now: number): void {
    if (this.mode === 'none') return;
    if (this.mode === 'plain') {
      this.out(`${this.label}: ${this.line(now)}\n`);
      return;
    }
    // A bar is a moment's state: none is kept while held (release draws the current one).
    if (this.held !== undefined) return;
    this.stream.write(this.barLine(now));
  }

  private barLine(now: number): string {
    const width = 24;
    const filled = this.total > 0 ? Math.round((width * this.done) / this.total) : width;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    return `\r\x1b[K${this.label} ${bar} ${this.line(now)}`;
  }

  finish(): void {
    if (this.mode === 'none' || this.total === 0) return;
    const now = this.now();
    // The finished bar, whole, or the last plain line.
    this.out(this.mode === 'tty' ? `${this.barLine(now)}\n` : `${this.label}: ${this.line(now)}\n`);
  }
}
