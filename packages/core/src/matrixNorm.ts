import type { Matrix as MlMatrix } from 'ml-matrix';
import type { MatrixLike } from './_matrix.js';
import { singularValues, toMlMatrix } from './_mlMatrix.js';
import { rangeError, typeError } from './_validate.js';

/**
 * A matrix norm order, as in `numpy.linalg.norm` for 2-D arrays: `1` / `-1` (max / min absolute column
 * sum), `2` / `-2` (largest / smallest singular value), `Infinity` / `-Infinity` (max / min absolute row
 * sum), `'fro'` (Frobenius) and `'nuc'` (nuclear: sum of singular values).
 */
export type NormOrder = number | 'fro' | 'nuc';

const ORDERS = "1, -1, 2, -2, Infinity, -Infinity, 'fro' or 'nuc'";

/** Throws unless `p` is one of the supported {@link NormOrder}s. */
export function checkNormOrder(name: string, p: unknown): asserts p is NormOrder {
  if (typeof p !== 'number' && typeof p !== 'string') throw typeError(name, p, `expected ${ORDERS}`);
  if (
    p === 'fro' ||
    p === 'nuc' ||
    p === 1 ||
    p === -1 ||
    p === 2 ||
    p === -2 ||
    p === Infinity ||
    p === -Infinity
  ) {
    return;
  }
  throw rangeError(name, p, `expected ${ORDERS}`);
}

/** Frobenius norm: plain sum of squares, rescaled by the largest entry only if it overflows or underflows. */
function frobenius(m: MlMatrix): number {
  let s = 0;
  let big = 0;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.columns; j++) {
      const v = m.get(i, j);
      s += v * v;
      big = Math.max(big, Math.abs(v));
    }
  }
  if (Number.isFinite(s) && (s >= 1e-290 || big === 0)) return Math.sqrt(s);
  if (!Number.isFinite(big)) return big; // Infinity or NaN entries (an inverse gone bad)
  let t = 0;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.columns; j++) {
      const v = m.get(i, j) / big;
      t += v * v;
    }
  }
  return big * Math.sqrt(t);
}

/** max (`sign = 1`) or min (`sign = -1`) over rows (`byRow`) or columns of the absolute sums. */
function absSums(m: MlMatrix, byRow: boolean, sign: 1 | -1): number {
  const outer = byRow ? m.rows : m.columns;
  const inner = byRow ? m.columns : m.rows;
  let best = sign === 1 ? -Infinity : Infinity;
  for (let a = 0; a < outer; a++) {
    let s = 0;
    for (let b = 0; b < inner; b++) s += Math.abs(byRow ? m.get(a, b) : m.get(b, a));
    if (Number.isNaN(s)) return Number.NaN;
    best = sign === 1 ? Math.max(best, s) : Math.min(best, s);
  }
  return best;
}

/** The norm of an ml-matrix `Matrix`; `p` must already be validated. */
export function normOf(m: MlMatrix, p: NormOrder): number {
  switch (p) {
    case 'fro':
      return frobenius(m);
    case 'nuc':
      return singularValues(m).reduce((a, s) => a + s, 0);
    case 2:
    case -2: {
      const s = singularValues(m);
      return p === 2 ? Math.max(...s) : Math.min(...s);
    }
    case 1:
    case -1:
      return absSums(m, false, p);
    default:
      return absSums(m, true, p === Infinity ? 1 : -1);
  }
}

/**
 * Matrix norm of `A`, agreeing with `numpy.linalg.norm(A, p)` for a 2-D array.
 *
 * ```math
 * \|A\|_1 = \max_j \sum_i |a_{ij}|,\quad \|A\|_\infty = \max_i \sum_j |a_{ij}|,\quad
 * \|A\|_2 = \sigma_{\max}(A),\quad \|A\|_F = \sqrt{\textstyle\sum_{ij} a_{ij}^2},\quad
 * \|A\|_* = \textstyle\sum_i \sigma_i
 * ```
 * The negative orders take the minimum instead of the maximum (they are not norms). Singular values come
 * from ml-matrix's `SingularValueDecomposition`.
 *
 * @param A - The matrix: `number[][]` or a row-major `Matrix`, finite entries, any shape.
 * @param p - The order: `1`, `-1`, `2`, `-2`, `Infinity`, `-Infinity`, `'fro'` (default; `null` is NumPy's
 *   `None`, the same) or `'nuc'`.
 * @returns The norm.
 * @example
 * ```ts
 * matrixNorm([[1, 0, -1], [0, 1, 0], [1, 0, 1]]); // 2.23606797749979 (√5, Frobenius)
 * matrixNorm([[1, 2], [3, 4]], 1); // 6
 * ```
 */
export function matrixNorm(A: MatrixLike, p: NormOrder | null = 'fro'): number {
  const order = p === null ? 'fro' : p;
  checkNormOrder('p', order);
  return normOf(toMlMatrix('A', A), order);
}
