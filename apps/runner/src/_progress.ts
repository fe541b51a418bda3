// Progress of one sweep: on a terminal a single redrawn line (bar, done/total, runs/s, ETA); in CI or
// when not a terminal, a plain line every few seconds; or nothing.

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
export class Progress {
  private done = 0;
  private readonly t0 = Date.now();
  private last = Date.now();
  private readonly every: number;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly mode: ProgressMode,
    private readonly stream: NodeJS.WritableStream,
  ) {
    this.every = mode === 'tty' ? 100 : 5000;
    if (mode === 'plain' && total > 0) stream.write(`${label}: ${total} runs to do\n`);
  }

  /** `n` more runs finished. */
  tick(n: number): void {
    this.done += n;
    const now = Date.now();
    if (now - this.last >= this.every) {
      this.last = now;
      this.draw(now);
    }
  }

  private line(now: number): string {
    const s = (now - this.t0) / 1000;
    const rate = s > 0 ? this.done / s : 0;
    const eta = rate > 0 ? (this.total - this.done) / rate : Number.POSITIVE_INFINITY;
    const pct = this.total > 0 ? (100 * this.done) / this.total : 100;
    return `${this.done}/${this.total} (${pct.toFixed(1)}%) ${rate.toFixed(0)} runs/s ETA ${duration(eta)}`;
  }

  private draw(now: number): void {
    if (this.mode === 'none') return;
    if (this.mode === 'plain') {
      this.stream.write(`${this.label}: ${this.line(now)}\n`);
      return;
    }
    const width = 24;
    const filled = this.total > 0 ? Math.round((width * this.done) / this.total) : width;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    this.stream.write(`\r\x1b[K${this.label} ${bar} ${this.line(now)}`);
  }

  /** Ends the display (final figures on their own line). */
  finish(): void {
    if (this.mode === 'none' || this.total === 0) return;
    const now = Date.now();
    if (this.mode === 'tty') {
      this.draw(now);
      this.stream.write('\n');
    } else this.stream.write(`${this.label}: ${this.line(now)}\n`);
  }
}
