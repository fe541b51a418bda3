import { inverse, type Matrix as MlMatrix } from 'ml-matrix';
import type { MatrixLike } from './_matrix.js';
import { shapeOf, singularValues, toMlMatrix } from './_mlMatrix.js';
import { rangeError } from './_validate.js';
import { checkNormOrder, type NormOrder, normOf } from './matrixNorm.js';

/**
 * Condition number of `A` in the norm `p`, agreeing with `numpy.linalg.cond(A, p)`:
 *
 * ```math
 * \kappa_2(A) = \frac{\sigma_{\max}(A)}{\sigma_{\min}(A)}, \qquad
 * \kappa_p(A) = \|A\|_p \, \|A^{-1}\|_p \quad (p = 1, -1, \infty, -\infty, \mathrm{fro}, \mathrm{nuc})
 * ```
 * and `p = -2` gives `σ_min / σ_max`. It bounds how much solving `Ax = b` can amplify a relative error in
 * `b` (see `errorAmplification`). Singular values come from ml-matrix's `SingularValueDecomposition`,
 * the inverse from its LU-based `inverse`.
 *
 * `p = ±2` accepts any shape (as NumPy does); the other orders need a square matrix. A singular matrix
 * gives `Infinity` (a zero singular value or pivot) or a huge value (when rounding leaves a tiny one, as
 * NumPy does) — never NaN: a `0/0` (the zero matrix) is reported as `Infinity`, like NumPy.
 *
 * @param A - The matrix: `number[][]` or a row-major `Matrix`, finite entries.
 * @param p - The norm: `2` (default), `-2`, `1`, `-1`, `Infinity`, `-Infinity`, `'fro'` or `'nuc'`.
 * @returns The condition number, `>= 1` for the true norms, `Infinity` when `A` is exactly singular.
 * @example
 * ```ts
 * cond([[1, 0, -1], [0, 1, 0], [1, 0, 1]]); // 1.4142135623730951
 * cond([[1, 0, 0], [0, 10, 0], [0, 0, 100]]); // 100
 * cond([[1, 0, -1], [0, 1, 0], [1, 0, 1]], 1); // 2
 * ```
 */
export function cond(A: MatrixLike, p: NormOrder = 2): number {
  checkNormOrder('p', p);
  const m = toMlMatrix('A', A);
  if (p === 2 || p === -2) {
    const s = singularValues(m);
    const hi = Math.max(...s);
    const lo = Math.min(...s);
    const r = p === 2 ? hi / lo : lo / hi;
    return Number.isNaN(r) ? Infinity : r;
  }
  if (!m.isSquare()) throw rangeError('A', shapeOf(m), `p = ${String(p)} needs a square matrix`);
  let inv: MlMatrix;
  try {
    inv = inverse(m);
  } catch {
    return Infinity; // LU found an exactly zero pivot: A is singular
  }
  const r = normOf(m, p) * normOf(inv, p);
  return Number.isNaN(r) ? Infinity : r;
}
