import { numberFrom } from './_callback.js';
import { readOptions, readStep } from './_diffOptions.js';
import { checkFunction, checkVector, rangeError, typeError } from './_validate.js';

/** Options of {@link checkGradient}. */
export interface CheckGradientOptions {
  /** Forward-difference step (absolute). Default `√ε = 1.4901161193847656e-8`, as SciPy's `epsilon`. */
  readonly h?: number;
}

const SQRT_EPS = Math.sqrt(Number.EPSILON);

/**
 * Checks an analytic gradient against forward differences, like `scipy.optimize.check_grad`
 * (`direction='all'`): returns `‖grad(x) − g_fd‖₂` with
 * `g_fd[i] = (f(x + h·eᵢ) − f(x)) / ((xᵢ + h) − xᵢ)`, the step SciPy's `approx_fprime` takes
 * (falling back to `√ε·sign(xᵢ)·max(1, |xᵢ|)` where `xᵢ + h` rounds to `xᵢ`). Same operations as
 * SciPy, so the same value for fewer than 8 variables (NumPy sums longer vectors pairwise).
 * A correct gradient gives about `√ε·|f''|`, i.e. 1e-8 to 1e-6; a wrong one gives O(|grad|).
 *
 * @param f - The objective; it receives `Float64Array` work copies.
 * @param grad - The gradient to check; called once at a copy of `x`.
 * @param x - The point, non-empty, finite entries.
 * @param options - `{ h }`, default `√ε ≈ 1.49e-8`.
 * @returns The 2-norm of the difference.
 * @example
 * ```ts
 * // SciPy's docstring example
 * const f = (v: Float64Array) => v[0]! ** 2 - 0.5 * v[1]! ** 3;
 * const g = (v: Float64Array) => [2 * v[0]!, -1.5 * v[1]! ** 2];
 * checkGradient(f, g, [1.5, -1.5]); // 2.9802322387695312e-8
 * ```
 */
export function checkGradient(
  f: (x: Float64Array) => number,
  grad: (x: Float64Array) => ArrayLike<number>,
  x: ArrayLike<number>,
  options?: CheckGradientOptions,
): number {
  checkFunction('f', f);
  checkFunction('grad', grad);
  const f0fn = f;
  f = (v: Float64Array): number => numberFrom('f', (f0fn as (x: Float64Array) => unknown)(v));
  checkVector('x', x);
  const h = readStep(readOptions(options, ['h']).h) ?? SQRT_EPS;
  const n = x.length;
  const x0 = Float64Array.from(x);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x0[i]!)) throw rangeError(`x[${i}]`, x0[i], 'expected a finite number');
  }
  const g = grad(x0.slice());
  if (g === null || typeof g !== 'object' || typeof g.length !== 'number') {
    throw typeError('grad(x)', g, 'expected an array of numbers');
  }
  if (g.length !== n) throw rangeError('grad(x)', g, `expected ${n} entries, got ${g.length}`);
  const analytic = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = g[i];
    if (typeof v !== 'number') throw typeError(`grad(x)[${i}]`, v, 'grad(x) must return numbers');
    analytic[i] = v;
  }
  const f0 = f(x0.slice());
  const w = x0.slice();
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const xi = x0[i]!;
    let hi = h;
    if (xi + hi - xi === 0) hi = SQRT_EPS * (xi >= 0 ? 1 : -1) * Math.max(1, Math.abs(xi));
    w[i] = xi + hi;
    const d = analytic[i]! - (f(w) - f0) / (xi + hi - xi);
    w[i] = xi;
    sum += d * d;
  }
  return Math.sqrt(sum);
}
