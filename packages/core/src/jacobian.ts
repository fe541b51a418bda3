import { readMethod, readOptions, readStep } from './_diffOptions.js';
import type { Matrix } from './_matrix.js';
import { checkFunction, checkVector, rangeError, typeError } from './_validate.js';

/** Options of {@link jacobian}. */
export interface JacobianOptions {
  /**
   * Step (absolute, the same for every coordinate). Default: relative steps
   * `hⱼ = s·max(1, |xⱼ|)` with `s = ε^(1/3) ≈ 6.06e-6` for `central` and `s = ε^(1/2) ≈ 1.49e-8`
   * for `forward`/`backward` (SciPy's `approx_derivative` defaults).
   */
  readonly h?: number;
  /** Default `'central'`. */
  readonly method?: 'central' | 'forward' | 'backward';
}

const METHODS = ['central', 'forward', 'backward'] as const;
const EPS = Number.EPSILON;

/**
 * The Jacobian `J[i][j] = ∂Fᵢ/∂xⱼ` of `F: ℝⁿ → ℝᵐ` by finite differences, one column per
 * coordinate (`2n + 1` evaluations for `central`, `n + 1` one-sided). The divisor is the step
 * actually taken, `(xⱼ + h) − (xⱼ − h)` (or `(xⱼ + h) − xⱼ`), which removes the representation
 * error of `h`. Error `O(h²)` (central) or `O(h)`, plus rounding `~ε·|F|/h`.
 *
 * @param F - The vector function; it receives a `Float64Array` work copy (perturbed in place
 *   between calls) and may return any array-like, including a buffer it reuses.
 * @param x - The point, non-empty, finite entries.
 * @param options - `{ h, method }`, see {@link JacobianOptions}.
 * @returns A new row-major `m × n` {@link Matrix}.
 * @example
 * ```ts
 * // F(x, y) = (x·y, x + y²)
 * jacobian((v) => [v[0]! * v[1]!, v[0]! + v[1]! ** 2], [2, 3]).data; // ≈ [3, 2, 1, 6]
 * ```
 */
export function jacobian(
  F: (x: Float64Array) => ArrayLike<number>,
  x: ArrayLike<number>,
  options?: JacobianOptions,
): Matrix {
  checkFunction('F', F);
  checkVector('x', x);
  const o = readOptions(options, ['h', 'method']);
  const method = readMethod(o.method, METHODS, 'central');
  const h = readStep(o.h);
  const n = x.length;
  const w = Float64Array.from(x);
  for (let j = 0; j < n; j++)
    if (!Number.isFinite(w[j]!)) throw rangeError(`x[${j}]`, w[j], 'expected a finite number');

  const y0 = output(F, w, -1);
  const f0 = new Float64Array(y0.length);
  for (let i = 0; i < y0.length; i++) f0[i] = entry(y0, i, -1);
  const m = f0.length;
  if (m === 0) throw rangeError('F(x)', '[]', 'expected a non-empty array');
  const J = new Float64Array(m * n);
  const fp = new Float64Array(m);
  const s = method === 'central' ? Math.cbrt(EPS) : Math.sqrt(EPS);
  for (let j = 0; j < n; j++) {
    const xj = w[j]!;
    const hj = h ?? s * Math.max(1, Math.abs(xj));
    const hi = method === 'backward' ? xj : xj + hj;
    const lo = method === 'forward' ? xj : xj - hj;
    w[j] = hi;
    if (method !== 'backward') copyOutput(F, w, j, fp, m);
    else fp.set(f0);
    w[j] = lo;
    const fm = method === 'forward' ? f0 : output(F, w, j);
    if (fm.length !== m) throw outputLengthError(j, fm.length, m);
    w[j] = xj;
    const dx = hi - lo;
    for (let i = 0; i < m; i++) J[i * n + j] = (fp[i]! - entry(fm, i, j)) / dx;
  }
  return { rows: m, cols: n, data: J };
}

function output(F: (x: Float64Array) => ArrayLike<number>, w: Float64Array, j: number): ArrayLike<number> {
  const y = F(w);
  if (y === null || typeof y !== 'object' || typeof y.length !== 'number') {
    throw typeError(j < 0 ? 'F(x)' : `F(x + h·e${j})`, y, 'expected an array of numbers');
  }
  return y;
}

function copyOutput(
  F: (x: Float64Array) => ArrayLike<number>,
  w: Float64Array,
  j: number,
  into: Float64Array,
  m: number,
): void {
  const y = output(F, w, j);
  if (y.length !== m) throw outputLengthError(j, y.length, m);
  for (let i = 0; i < m; i++) into[i] = entry(y, i, j);
}

function outputLengthError(j: number, got: number, m: number): RangeError {
  return rangeError(`F(x ± h·e${j})`, `${got} entries`, `expected ${m}, the length of F(x)`);
}

function entry(y: ArrayLike<number>, i: number, j: number): number {
  const v = y[i];
  if (typeof v !== 'number') {
    throw typeError(j < 0 ? `F(x)[${i}]` : `F(x ± h·e${j})[${i}]`, v, 'F(x) must return an array of numbers');
  }
  return v;
}
