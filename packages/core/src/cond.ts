import { inverse, type Matrix as MlMatrix } from 'ml-matrix';
import { isMatrix, type MatrixLike } from './_matrix.js';
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
 * A stack of matrices (an array of `number[][]` or of `Matrix` records, as NumPy's `(..., M, N)` arrays)
 * gives a `Float64Array` with one condition number per matrix; the matrices may differ in size.
 *
 * @param A - The matrix: `number[][]` or a row-major `Matrix`, finite entries; or an array of them.
 * @param p - The norm: `2` (default; `null` is NumPy's `None`, the same), `-2`, `1`, `-1`, `Infinity`,
 *   `-Infinity`, `'fro'` or `'nuc'`.
 * @returns The condition number, `>= 1` for the true norms, `Infinity` when `A` is exactly singular; a
 *   `Float64Array` of them for a stack.
 * @example
 * ```ts
 * cond([[1, 0, -1], [0, 1, 0], [1, 0, 1]]); // 1.4142135623730951
 * cond([[1, 0, 0], [0, 10, 0], [0, 0, 100]]); // 100
 * cond([[1, 0, -1], [0, 1, 0], [1, 0, 1]], 1); // 2
 * cond([[[1, 0], [0, 2]], [[0, 0], [0, 0]]]); // Float64Array [2, Infinity]
 * ```
 */
export function cond(A: readonly MatrixLike[], p?: NormOrder | null): Float64Array;
/** The condition number of one matrix. */
export function cond(A: MatrixLike, p?: NormOrder | null): number;
/** The condition number of a matrix, or of each matrix of a stack. */
export function cond(A: MatrixLike | readonly MatrixLike[], p?: NormOrder | null): number | Float64Array;
export function cond(A: MatrixLike | readonly MatrixLike[], p: NormOrder | null = 2): number | Float64Array {
  const order = p === null ? 2 : p;
  checkNormOrder('p', order);
  if (isStack(A)) {
    const out = new Float64Array(A.length);
    for (let k = 0; k < A.length; k++) out[k] = cond1(`A[${k}]`, A[k]!, order);
    return out;
  }
  return cond1('A', A as MatrixLike, order);
}

/** An array whose entries are matrices (a `Matrix` record, or rows that are themselves arrays). */
function isStack(A: unknown): A is readonly MatrixLike[] {
  if (A === null || typeof A !== 'object' || isMatrix(A)) return false;
  const a = A as ArrayLike<unknown>;
  if (typeof a.length !== 'number' || a.length === 0) return false;
  const first = a[0];
  if (isMatrix(first)) return true;
  if (first === null || typeof first !== 'object') return false;
  const row = (first as ArrayLike<unknown>)[0];
  return row !== null && typeof row === 'object';
}

function cond1(name: string, A: MatrixLike, p: NormOrder): number {
  const m = toMlMatrix(name, A);
  if (p === 2 || p === -2) {
    const s = singularValues(m);
    const hi = Math.max(...s);
    const lo = Math.min(...s);
    const r = p === 2 ? hi / lo : lo / hi;
    return Number.isNaN(r) ? Infinity : r;
  }
  if (!m.isSquare()) throw rangeError(name, shapeOf(m), `p = ${String(p)} needs a square matrix`);
  let inv: MlMatrix;
  try {
    inv = inverse(m);
  } catch {
    return Infinity; // LU found an exactly zero pivot: A is singular
  }
  const r = normOf(m, p) * normOf(inv, p);
  return Number.isNaN(r) ? Infinity : r;
}
