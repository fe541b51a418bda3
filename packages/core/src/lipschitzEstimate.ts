import { type MatrixLike, toRows } from './_matrix.js';
import { checkFunction, rangeError, typeError } from './_validate.js';

/** The result of {@link lipschitzEstimate}. */
export interface LipschitzEstimate {
  /**
   * The largest slope between two samples, `max ‖F(xᵢ) − F(xⱼ)‖₂ / ‖xᵢ − xⱼ‖₂`: a lower bound on the Lipschitz
   * constant of `F` over the samples' convex hull, which it approaches as the samples fill it.
   */
  readonly L: number;
  /** The two samples (indices `i < j` into `samples`) where that slope is attained. */
  readonly pair: readonly [number, number];
  /** How many pairs of distinct samples were compared (repeated points are skipped). */
  readonly pairs: number;
}

/**
 * An estimate of the Lipschitz constant of `fn` from samples: the largest slope over every pair of
 * samples (Wood & Zhang 1996, “Estimation of the Lipschitz constant of a function”, the pairwise
 * estimator they start from),
 *
 * ```math
 * \hat L = \max_{i < j} \frac{\|F(x_i) - F(x_j)\|_2}{\|x_i - x_j\|_2} \;\le\; L,
 * \qquad \|F(x) - F(y)\|_2 \le L\, \|x - y\|_2 \ \text{for all } x, y .
 * ```
 *
 * With `F = f` (a scalar) it is the book's Lipschitz constant of f (Deep Learning §4.3); with `F = ∇f`
 * it is the smoothness constant L of f, the largest |eigenvalue| of the Hessian over the region for a
 * twice-differentiable f, which sets gradient descent's step bound: for an L-smooth f, each step with
 * learning rate ε < 2/L decreases f by at least ε(1 − εL/2)‖∇f‖². Every pair lies in the region, so
 * `L̂ ≤ L` there; it reaches L when two samples are close together where the curvature is largest.
 * `fn` is evaluated once per sample; the m(m − 1)/2 pairs cost O(m²·(n + k)) and no allocation (norms are
 * rescaled where their squares would underflow or overflow, as `hypot`).
 *
 * @param fn - `F(x)`: a number (f) or `k` numbers (∇f, or any map), the same length at every sample. It
 *   receives a fresh `Float64Array` per sample and may write into the optional second argument, a
 *   `Float64Array` of the right length after the first sample (so a `TestFunction`'s `grad` works as is).
 * @param samples - `m ≥ 2` points as rows: `number[][]` or a row-major `Matrix`, finite entries, at least
 *   two of them distinct.
 * @returns `{ L, pair, pairs }`.
 * @throws `RangeError` for fewer than two distinct samples, a non-finite coordinate or value, or values of
 *   different lengths; `TypeError` when `fn` returns neither a number nor an array of numbers.
 * @example
 * ```ts
 * // ∇f of f = ½(x² + 4y²) is (x, 4y): L = 4, attained by two points on the y axis.
 * const e = lipschitzEstimate((p) => [p[0], 4 * p[1]], [[0, 0], [1, 0], [0, 1]]);
 * e.L; // 4, e.pair → [0, 2]
 * lipschitzEstimate((p) => Math.sin(p[0]), [[0], [0.001], [2]]).L; // 0.99999983… (cos 0 = 1)
 * ```
 */
export function lipschitzEstimate(
  fn: (x: Float64Array, out?: Float64Array) => number | ArrayLike<number>,
  samples: MatrixLike,
): LipschitzEstimate {
  checkFunction('fn', fn);
  const rows = toRows('samples', samples);
  const m = rows.length;
  const n = rows[0]!.length;
  if (m < 2) throw rangeError('samples', samples, 'expected at least 2 points');
  const X = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const v = rows[i]![j]!;
      if (!Number.isFinite(v)) throw rangeError(`samples[${i}][${j}]`, v, 'expected a finite number');
      X[i * n + j] = v;
    }
  }

  // F at every sample, as rows of k numbers.
  let k = -1;
  let F = new Float64Array(0);
  let out: Float64Array | undefined;
  for (let i = 0; i < m; i++) {
    const v = fn(X.slice(i * n, (i + 1) * n), out);
    let len: number;
    if (typeof v === 'number') len = 1;
    else if (v !== null && typeof v === 'object' && typeof (v as ArrayLike<number>).length === 'number') {
      len = (v as ArrayLike<number>).length;
    } else {
      throw typeError(`fn(samples[${i}])`, v, 'expected a number or an array of numbers');
    }
    if (k < 0) {
      if (len === 0) throw rangeError(`fn(samples[${i}])`, v, 'expected at least one number');
      k = len;
      F = new Float64Array(m * k);
      if (typeof v !== 'number') out = new Float64Array(k);
    } else if (len !== k || (typeof v === 'number') !== (out === undefined)) {
      const want = out === undefined ? 'a number' : `${k} numbers`;
      throw rangeError(`fn(samples[${i}])`, v, `expected ${want}, as fn(samples[0])`);
    }
    for (let c = 0; c < k; c++) {
      const e = typeof v === 'number' ? v : (v as ArrayLike<unknown>)[c];
      if (typeof e !== 'number') throw typeError(`fn(samples[${i}])[${c}]`, e, 'expected a number');
      if (!Number.isFinite(e)) throw rangeError(`fn(samples[${i}])[${c}]`, e, 'expected a finite number');
      F[i * k + c] = e;
    }
  }

  // The largest slope over the pairs.
  let best = -1;
  let bi = 0;
  let bj = 0;
  let pairs = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const dx = distance(X, i * n, j * n, n);
      if (dx === 0) continue;
      pairs++;
      const r = distance(F, i * k, j * k, k) / dx;
      if (r > best) {
        best = r;
        bi = i;
        bj = j;
      }
    }
  }
  if (pairs === 0) throw rangeError('samples', samples, 'expected at least 2 distinct points');
  return { L: best, pair: [bi, bj], pairs };
}

/** Squares of sums below this or above its inverse are rescaled (no underflow or overflow). */
const TINY = 1e-280;

/** ‖v[a : a + len] − v[b : b + len]‖₂, rescaled by the largest difference when its square would under- or overflow. */
function distance(v: Float64Array, a: number, b: number, len: number): number {
  let ss = 0;
  for (let c = 0; c < len; c++) {
    const d = v[a + c]! - v[b + c]!;
    ss += d * d;
  }
  if (ss > TINY && ss < 1 / TINY) return Math.sqrt(ss);
  let big = 0;
  for (let c = 0; c < len; c++) big = Math.max(big, Math.abs(v[a + c]! - v[b + c]!));
  if (big === 0 || !Number.isFinite(big)) return big;
  ss = 0;
  for (let c = 0; c < len; c++) {
    const d = (v[a + c]! - v[b + c]!) / big;
    ss += d * d;
  }
  return big * Math.sqrt(ss);
}
