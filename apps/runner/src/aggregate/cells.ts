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
  /** The reservoir, made on the first number (a cell without quantiles never has one). */
  private sample: number[] | undefined;
  private seen = 0;
  private seed = 0x9e3779b9;
  /**
   * Labels seen and their counts, in first-seen order: the first in two fields (most cells see one
   * label: a map of 200 × 200 starts is 40,000 cells, and two arrays each doubled their garbage), the
   * others in two arrays (a cell sees a few: no Map until it sees many).
   */
  private first: string | undefined;
  private firstCount = 0;
  private names: string[] | undefined;
  private counts: number[] | undefined;
  private index: Map<string, number> | undefined;

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
    this.sample ??= [];
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
    if (this.first === undefined || this.first === s) {
      this.first = s;
      this.firstCount++;
      return;
    }
    if (this.names === undefined || this.counts === undefined) {
      this.names = [s];
      this.counts = [1];
      return;
    }
    // A scan while there are few; an index past 16 (a cell of many distinct categories).
    const i = this.index !== undefined ? (this.index.get(s) ?? -1) : this.names.indexOf(s);
    if (i >= 0) this.counts[i]!++;
    else {
      this.index?.set(s, this.names.length);
      this.names.push(s);
      this.counts.push(1);
      if (this.index === undefined && this.names.length > 16)
        this.index = new Map(this.names.map((k, j) => [k, j]));
    }
  }

  /** The labels seen and their counts, in first-seen order. */
  labelCounts(): [string, number][] {
    if (this.first === undefined) return [];
    return [
      [this.first, this.firstCount],
      ...(this.names ?? []).map((k, i): [string, number] => [k, this.counts![i]!]),
    ];
  }

  /** The most frequent label (the first seen among ties). */
  mode(): string | undefined {
    let best = this.first;
    let n = this.firstCount;
    const names = this.names ?? [];
    for (let i = 0; i < names.length; i++) {
      if (this.counts![i]! > n) {
        best = names[i];
        n = this.counts![i]!;
      }
    }
    return best;
  }

  /** The q-quantile (0 ≤ q ≤ 1) by linear interpolation, as NumPy's default; NaN when empty. */
  quantile(q: number): number {
    const s = [...(this.sample ?? [])].sort((a, b) => a - b);
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
