// Reads recorded lines of results.jsonl by number, in a worker: the records of the runs a batch
// reuses, so that the worker folds them into its digest as it does the runs it executes, and the
// coordinator never reads the log back. A batch's reused runs were written close together (a range of
// the grid went out as one batch before), so the lines a batch wants are read with a few large reads
// from the nearest kept offsets (every 64th line), never one read per line.
import { closeSync, openSync, readSync } from 'node:fs';
import { LINE_STRIDE } from '../store/idTable.js';

/** Bytes read at most at once; a longer span between wanted lines is split into several reads. */
const SPAN = 1 << 20;

/**
 * Lines of one results.jsonl (the part recorded before the sweep started: it only grows at the end,
 * so these bytes never change while the sweep runs).
 *
 * @example
 * ```ts
 * const log = new RecordedLines(table.path, table.offsets);
 * const text = log.read(Int32Array.of(3, 70, 71)); // lines 3, 70 and 71, in that order
 * ```
 */
export class RecordedLines {
  private readonly offsets: Float64Array;
  private fd = -1;
  private buf = Buffer.allocUnsafe(1 << 16);

  /**
   * @param path - results.jsonl.
   * @param offsets - Every 64th line's offset (see `SharedIdTable.offsets`).
   * @param scan - The scan they come from (see `SharedIdTable.scan`).
   */
  constructor(
    private readonly path: string,
    offsets: SharedArrayBuffer,
    readonly scan = '',
  ) {
    this.offsets = new Float64Array(offsets);
  }

  /** Bytes from the kept offset at or before line `line` up to the next kept offset after `last`. */
  private span(line: number, last: number): [number, number] {
    const a = Math.floor(line / LINE_STRIDE);
    const b = Math.min(Math.floor(last / LINE_STRIDE) + 1, this.offsets.length - 1);
    return [this.offsets[a]!, this.offsets[b]!];
  }

  /**
   * The wanted lines' text (without newlines), in the order of `lines` (ascending line numbers).
   * A line past the recorded part, or a read that fails, gives undefined (the run is run again).
   */
  read(lines: ArrayLike<number>): (string | undefined)[] {
    const out: (string | undefined)[] = new Array(lines.length);
    if (lines.length === 0) return out;
    if (this.fd < 0) this.fd = openSync(this.path, 'r');
    let i = 0;
    while (i < lines.length) {
      // The longest run of wanted lines that one read of at most SPAN bytes covers.
      const first = lines[i]!;
      let j = i + 1;
      while (j < lines.length) {
        const [from, to] = this.span(first, lines[j]!);
        if (to - from > SPAN) break;
        j++;
      }
      const [from, to] = this.span(first, lines[j - 1]!);
      const size = to - from;
      if (!(size > 0)) {
        i = j;
        continue;
      }
      if (this.buf.length < size) this.buf = Buffer.allocUnsafe(Math.max(size, 2 * this.buf.length));
      const n = readSync(this.fd, this.buf, 0, size, from);
      // Walk the newlines from the kept line, handing out the wanted ones.
      let line = Math.floor(first / LINE_STRIDE) * LINE_STRIDE;
      let at = 0;
      for (let k = i; k < j; k++) {
        const want = lines[k]!;
        while (line < want && at < n) {
          const nl = this.buf.indexOf(0x0a, at);
          if (nl < 0 || nl >= n) {
            at = n;
            break;
          }
          at = nl + 1;
          line++;
        }
        if (line !== want || at >= n) continue;
        const nl = this.buf.indexOf(0x0a, at);
        if (nl < 0 || nl >= n) continue;
        out[k] = this.buf.toString('utf8', at, nl);
      }
      i = j;
    }
    return out;
  }

  /** Closes the file. */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
