import { Matrix as MlMatrix, SingularValueDecomposition, solve } from 'ml-matrix';
import type { MatrixLike } from './_matrix.js';
import { shapeOf, toMlMatrix } from './_mlMatrix.js';
import { checkFinite, checkOptionKeys, checkVector, rangeError, typeError } from './_validate.js';
import { mulberry32 } from './mulberry32.js';

/** Options of {@link errorAmplification}. */
export interface ErrorAmplificationOptions {
  /** Relative size `‖δb‖ / ‖b‖` of every perturbation; default `1e-10` (well above rounding, `≈ 1e-16`). */
  readonly relError?: number;
  /** Number of random perturbation directions tried besides the worst one; default `8`. */
  readonly trials?: number;
  /** Seed of the random directions (same seed, same directions); default `1`. */
  readonly seed?: number;
}

/** What {@link errorAmplification} measured. All norms are Euclidean. */
export interface ErrorAmplification {
  /** The solution of `Ax = b`. */
  readonly x: Float64Array;
  /** The largest observed `(‖δx‖ / ‖x‖) / (‖δb‖ / ‖b‖)` over all directions tried. */
  readonly amplification: number;
  /** The theoretical worst case over all `b` and `δb`: `cond(A, 2) = σ_max / σ_min`. */
  readonly bound: number;
  /** The worst direction for `δb` given `b`: the unit left singular vector of the smallest singular value. */
  readonly worstDirection: Float64Array;
  /** The amplification observed along {@link ErrorAmplification.worstDirection}; `≈ ‖b‖ / (σ_min ‖x‖)`. */
  readonly worstDirectionAmplification: number;
  /** The amplification observed along each random direction, in order. */
  readonly randomAmplifications: Float64Array;
}

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** A uniformly random unit vector (normalised Box–Muller Gaussians). */
function randomDirection(n: number, rand: () => number): Float64Array {
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const s = norm(d);
  for (let i = 0; i < n; i++) d[i] = d[i]! / s;
  return d;
}

/**
 * Measures how much solving `Ax = b` amplifies a relative error in `b`. It solves `Ax = b`, then
 * `A(x + δx) = b + δb` for perturbations `δb = relError · ‖b‖ · d` along unit directions `d`, and reports
 * the ratio of relative errors
 *
 * ```math
 * \text{amplification} = \frac{\|\delta x\| / \|x\|}{\|\delta b\| / \|b\|}
 *   \;\le\; \kappa_2(A) = \frac{\sigma_{\max}}{\sigma_{\min}}
 * ```
 * The directions are the worst one for this `b` — the left singular vector `u_min` of the smallest
 * singular value, which `A⁻¹` stretches by `1/σ_min` — and `trials` seeded random ones. The bound is
 * reached when, in addition, `b` lies along the left singular vector of `σ_max` (for a diagonal matrix:
 * `b` on the largest diagonal entry's axis, `δb` on the smallest's). Both systems are solved in floating
 * point (ml-matrix LU), so each measured ratio also carries a rounding error of relative size about
 * `κ₂(A) · ε / relError`; keep `relError` well above `κ₂(A) · 1e-16`.
 *
 * @param A - A square, non-singular matrix: `number[][]` or a row-major `Matrix`, finite entries.
 * @param b - The right-hand side, finite, not all zero, of length `A.rows`.
 * @param options - `{ relError = 1e-10, trials = 8, seed = 1 }`.
 * @returns `{ x, amplification, bound, worstDirection, worstDirectionAmplification, randomAmplifications }`.
 * @example
 * ```ts
 * const r = errorAmplification([[1, 0, 0], [0, 10, 0], [0, 0, 100]], [0, 0, 1]);
 * r.amplification; // ≈ 100, and r.bound === 100
 * ```
 */
export function errorAmplification(
  A: MatrixLike,
  b: ArrayLike<number>,
  options: ErrorAmplificationOptions = {},
): ErrorAmplification {
  const m = toMlMatrix('A', A);
  if (!m.isSquare()) throw rangeError('A', shapeOf(m), 'expected a square matrix');
  const n = m.rows;
  checkVector('b', b);
  if (b.length !== n) throw rangeError('b', b, `expected length ${n} like A`);
  for (let i = 0; i < n; i++) checkFinite(`b[${i}]`, b[i]);
  const bNorm = norm(b);
  if (bNorm === 0) throw rangeError('b', b, 'the relative error of a zero vector is undefined');
  checkOptionKeys(options, ['relError', 'trials', 'seed']);
  const { relError = 1e-10, trials = 8, seed = 1 } = options;
  checkFinite('options.relError', relError, true);
  if (typeof trials !== 'number') throw typeError('options.trials', trials, 'expected a number');
  if (!Number.isInteger(trials) || trials < 0)
    throw rangeError('options.trials', trials, 'expected an integer >= 0');
  checkFinite('options.seed', seed);

  const svd = new SingularValueDecomposition(m, { computeRightSingularVectors: false });
  const s = svd.diagonal;
  let kMin = 0;
  for (let i = 1; i < n; i++) if (s[i]! < s[kMin]!) kMin = i;
  const hi = Math.max(...s);
  const lo = s[kMin]!;
  if (!(lo > 0)) throw rangeError('A', shapeOf(m), 'singular: Ax = b has no unique solution');

  const solveFor = (rhs: ArrayLike<number>): Float64Array | null => {
    try {
      return Float64Array.from(solve(m, MlMatrix.columnVector(Array.from(rhs))).getColumn(0));
    } catch {
      return null; // LU found an exactly zero pivot
    }
  };
  const x = solveFor(b);
  if (x === null) throw rangeError('A', shapeOf(m), 'singular: Ax = b has no unique solution');
  const xNorm = norm(x);

  const bPert = new Float64Array(n);
  const amplify = (d: Float64Array): number => {
    for (let i = 0; i < n; i++) bPert[i] = b[i]! + relError * bNorm * d[i]!;
    const xPert = solveFor(bPert);
    if (xPert === null) return Infinity;
    let dx = 0;
    let db = 0;
    for (let i = 0; i < n; i++) {
      dx += (xPert[i]! - x[i]!) ** 2;
      db += (bPert[i]! - b[i]!) ** 2; // the perturbation actually applied, after rounding b + δb
    }
    return Math.sqrt(dx) / xNorm / (Math.sqrt(db) / bNorm);
  };

  const u = svd.leftSingularVectors;
  const worstDirection = new Float64Array(n);
  for (let i = 0; i < n; i++) worstDirection[i] = u.get(i, kMin);
  const worstDirectionAmplification = amplify(worstDirection);
  const rand = mulberry32(seed);
  const randomAmplifications = new Float64Array(trials);
  let amplification = worstDirectionAmplification;
  for (let t = 0; t < trials; t++) {
    const a = amplify(randomDirection(n, rand));
    randomAmplifications[t] = a;
    if (a > amplification) amplification = a;
  }
  return {
    x,
    amplification,
    bound: hi / lo,
    worstDirection,
    worstDirectionAmplification,
    randomAmplifications,
  };
}
