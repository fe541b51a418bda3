import { numberFrom } from './_callback.js';
import { readOptions, readStep } from './_diffOptions.js';
import type { Matrix } from './_matrix.js';
import { checkFunction, checkVector, rangeError } from './_validate.js';

/** Options of {@link hessian}. */
export interface HessianOptions {
  /**
   * Step (absolute, the same for every coordinate). Default: `hᵢ = 1e-4·max(1, |xᵢ|)`, near the
   * `ε^(1/4)` that balances the `O(h²)` truncation error against the `~ε·|f|/h²` rounding error.
   */
  readonly h?: number;
}

/**
 * The Hessian of `f: ℝⁿ → ℝ` by central second differences, exactly symmetric:
 * `Hᵢᵢ = 2·[(f(x + hᵢ⁺eᵢ) − f(x))/hᵢ⁺ − (f(x) − f(x − hᵢ⁻eᵢ))/hᵢ⁻] / (hᵢ⁺ + hᵢ⁻)` and, for `i < j`,
 * `Hᵢⱼ = Hⱼᵢ = [f(+,+) − f(+,−) − f(−,+) + f(−,−)] / ((hᵢ⁺ + hᵢ⁻)(hⱼ⁺ + hⱼ⁻))`, where `hᵢ⁺`, `hᵢ⁻`
 * are the steps actually taken after rounding `xᵢ ± hᵢ`. `1 + 2n + 2n(n − 1)` evaluations;
 * error `O(h²)` plus rounding `~ε·|f|/h²` (about `1e-8·|f|/x²` with the default step).
 *
 * @param f - The objective; it receives a `Float64Array` work copy (perturbed in place between calls).
 * @param x - The point, non-empty, finite entries.
 * @param options - `{ h }`, see {@link HessianOptions}.
 * @returns A new row-major, symmetric `n × n` {@link Matrix}.
 * @example
 * ```ts
 * // f(x, y) = x²y + y³ → H = [[2y, 2x], [2x, 6y]]
 * hessian((v) => v[0]! ** 2 * v[1]! + v[1]! ** 3, [1, 2]).data; // ≈ [4, 2, 2, 12]
 * ```
 */
export function hessian(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: HessianOptions,
): Matrix {
  checkFunction('f', f);
  const f0fn = f;
  f = (v: Float64Array): number => numberFrom('f', (f0fn as (x: Float64Array) => unknown)(v));
  checkVector('x', x);
  const h = readStep(readOptions(options, ['h']).h);
  const n = x.length;
  const w = Float64Array.from(x);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = w[i]!;
    if (!Number.isFinite(xi)) throw rangeError(`x[${i}]`, xi, 'expected a finite number');
    const hi = h ?? 1e-4 * Math.max(1, Math.abs(xi));
    up[i] = xi + hi;
    down[i] = xi - hi;
  }
  const H = new Float64Array(n * n);
  const f0 = f(w);
  for (let i = 0; i < n; i++) {
    const xi = w[i]!;
    const hp = up[i]! - xi;
    const hm = xi - down[i]!;
    w[i] = up[i]!;
    const fp = f(w);
    w[i] = down[i]!;
    const fm = f(w);
    H[i * n + i] = (2 * ((fp - f0) / hp - (f0 - fm) / hm)) / (hp + hm);
    for (let j = i + 1; j < n; j++) {
      const xj = w[j]!;
      w[i] = up[i]!;
      w[j] = up[j]!;
      const fpp = f(w);
      w[j] = down[j]!;
      const fpm = f(w);
      w[i] = down[i]!;
      const fmm = f(w);
      w[j] = up[j]!;
      const fmp = f(w);
      w[j] = xj;
      H[i * n + j] = H[j * n + i] = (fpp - fpm - fmp + fmm) / ((hp + hm) * (up[j]! - down[j]!));
    }
    w[i] = xi;
  }
  return { rows: n, cols: n, data: H };
}
