// Bounded accumulators of numbers and labels: what a heatmap cell or a point of a line plot keeps of
// the runs that fall in it, whatever their number.

/** Values kept per cell for medians and quartiles (exact up to this many). */
const RESERVOIR = 257;

/**
 * Count, sum, min and max of numbers, a reservoir sample for quantiles (exact up to 257 values, then
 * a uniform sample drawn by a fixed-seed generator, so that a report does not depend on the run), and
 * counts of labels.
 */
export class Cell {
  /**
   * @param quantiles - Keep a sample for medians and quartiles (memory: up to 257 numbers a cell);
   *   without it only count, sum, min, max and labels are kept.
   */
  constructor(private readonly quantiles = true) {}

  n = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  /** NaN values seen (left out of the other statistics). */
  nan = 0;
  private sample: number[] = [];
  private seen = 0;
  private seed = 0x9e3779b9;
  labels: Map<string, number> | undefined;

  /** Adds a number. */
  add(v: number): void {
    if (Number.isNaN(v)) {
      this.nan++;
      return;
    }
    this.n++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (!this.quantiles) return;
    this.seen++;
    if (this.sample.length < RESERVOIR) this.sample.push(v);
    else {
      // Algorithm R with a xorshift generator.
      this.seed ^= this.seed << 13;
      this.seed ^= this.seed >>> 17;
      this.seed ^= this.seed << 5;
      const j = (this.seed >>> 0) % this.seen;
      if (j < RESERVOIR) this.sample[j] = v;
    }
  }

  /** Adds a label. */
  label(s: string): void {
    this.labels ??= new Map();
    this.labels.set(s, (this.labels.get(s) ?? 0) + 1);
  }

  /** The most frequent label (the first seen among ties). */
  mode(): string | undefined {
    let best: string | undefined;
    let n = 0;
    for (const [k, c] of this.labels ?? []) {
      if (c > n) {
        best = k;
        n = c;
      }
    }
    return best;
  }

  /** The q-quantile (0 ≤ q ≤ 1) by linear interpolation, as NumPy's default; NaN when empty. */
  quantile(q: number): number {
    const s = [...this.sample].sort((a, b) => a - b);
    if (s.length === 0) return Number.NaN;
    const pos = q * (s.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
  }

  /** A reduction of the numbers: mean, min, max or median (NaN when empty). */
  reduce(how: 'mean' | 'min' | 'max' | 'median'): number {
    if (this.n === 0) return Number.NaN;
    switch (how) {
      case 'min':
        return this.min;
      case 'max':
        return this.max;
      case 'median':
        return this.quantile(0.5);
      default:
        return this.sum / this.n;
    }
  }
}
