// Several y per x, summarised for drawing: a centre line (median or mean) and a band (interquartile
// range, or mean ± one standard deviation). Presentation only: the runner's aggregates stay exact.
import { quantileSorted } from 'd3-array';

/** How a series with several y per x is drawn. */
export type Reduce = 'median' | 'mean' | 'none';

/** A reduced series: sorted distinct x, the centre, the band and how many finite y each x had. */
export interface Reduced {
  x: Float64Array;
  y: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  n: Int32Array;
  how: 'median' | 'mean';
}

/** Whether some x (finite) occurs more than once. */
export function hasRepeatedX(x: ArrayLike<number>): boolean {
  const seen = new Set<number>();
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) continue;
    if (seen.has(v)) return true;
    seen.add(v);
  }
  return false;
}

/**
 * Groups the points by x (non-finite x dropped; non-finite y ignored within a group), sorted by x;
 * `'median'`: median and quartiles; `'mean'`: mean ± one (population) standard deviation. An x whose
 * y are all non-finite gets NaN, which breaks the line there.
 */
export function reduceSeries(x: ArrayLike<number>, y: ArrayLike<number>, how: 'median' | 'mean'): Reduced {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < x.length; i++) {
    const xv = x[i]!;
    if (!Number.isFinite(xv)) continue;
    const key = xv === 0 ? 0 : xv; // −0 and +0 together
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    if (Number.isFinite(y[i]!)) g.push(y[i]!);
  }
  const xs = [...groups.keys()].sort((a, b) => a - b);
  const out: Reduced = {
    x: Float64Array.from(xs),
    y: new Float64Array(xs.length),
    lo: new Float64Array(xs.length),
    hi: new Float64Array(xs.length),
    n: new Int32Array(xs.length),
    how,
  };
  xs.forEach((xv, k) => {
    const ys = groups.get(xv)!.sort((a, b) => a - b);
    out.n[k] = ys.length;
    if (ys.length === 0) {
      out.y[k] = out.lo[k] = out.hi[k] = Number.NaN;
      return;
    }
    if (how === 'median') {
      out.y[k] = quantileSorted(ys, 0.5)!;
      out.lo[k] = quantileSorted(ys, 0.25)!;
      out.hi[k] = quantileSorted(ys, 0.75)!;
    } else {
      let m = 0;
      for (const v of ys) m += v / ys.length;
      let ss = 0;
      for (const v of ys) ss += (v - m) ** 2;
      const sd = Math.sqrt(ss / ys.length);
      out.y[k] = m;
      out.lo[k] = m - sd;
      out.hi[k] = m + sd;
    }
  });
  return out;
}
