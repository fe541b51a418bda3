import { checkVector, type MatrixLike, rangeError, toRows, typeError } from '@numcomp/core';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';

/** Options of {@link lstsq}. */
export interface LstsqOptions {
  /**
   * Singular values below `rcond · s_max` count as zero. Default ε·max(m, n), NumPy's default
   * (`rcond=None`).
   */
  readonly rcond?: number;
}

/** The result of {@link lstsq}, as `numpy.linalg.lstsq` returns it (plus the residual norm). */
export interface LstsqResult {
  /** The minimum-norm least-squares solution (length n). */
  readonly x: Float64Array;
  /** ‖Ax − b‖₂. */
  readonly residualNorm: number;
  /**
   * NumPy's `residuals`: ‖Ax − b‖₂² when A has full column rank and m > n, else NaN (NumPy returns an
   * empty array then).
   */
  readonly residuals: number;
  /** Effective rank: the number of singular values above `rcond · s_max`. */
  readonly rank: number;
  /** Singular values of A, in decreasing order (length min(m, n)). */
  readonly singularValues: Float64Array;
}

/**
 * Least squares by the singular value decomposition (ml-matrix), the direct counterpart of the
 * notebook's gradient descent on ½‖Ax − b‖²: the minimum-norm minimiser
 *
 * ```math
 * x = V \Sigma^{+} U^\top b = \sum_{s_i > r\,s_1} \frac{u_i^\top b}{s_i}\, v_i,
 * ```
 *
 * which solves the normal equations AᵀAx = Aᵀb without forming AᵀA (whose condition number is
 * κ(A)²). Rank-deficient and underdetermined systems get the minimum-norm solution, as
 * `numpy.linalg.lstsq` (LAPACK `gelsd`) does.
 *
 * @param A - m×n matrix (`number[][]` or row-major `{ rows, cols, data }`), finite entries.
 * @param b - Right-hand side of length m.
 * @param options - `rcond` (default ε·max(m, n)).
 * @returns `{ x, residualNorm, residuals, rank, singularValues }`.
 * @example
 * ```ts
 * // Fit y = c₀ + c₁t through (0, 1), (1, 2), (2, 2): x = [7/6, 1/2], residual² = 1/6.
 * const r = lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 2]);
 * r.x; // Float64Array [1.1666…, 0.5]
 * ```
 */
export function lstsq(A: MatrixLike, b: ArrayLike<number>, options: LstsqOptions = {}): LstsqResult {
  const rows = toRows('A', A);
  const m = rows.length;
  const n = rows[0]!.length;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(rows[i]![j]!))
        throw rangeError(`A[${i}][${j}]`, rows[i]![j], 'expected a finite number');
    }
  }
  checkVector('b', b);
  if (b.length !== m) throw rangeError('b', b, `expected length ${m} (the rows of A)`);
  for (let i = 0; i < m; i++)
    if (!Number.isFinite(b[i])) throw rangeError(`b[${i}]`, b[i], 'expected a finite number');
  if (options === null || typeof options !== 'object')
    throw typeError('options', options, 'expected an object');
  const rcond = options.rcond ?? Number.EPSILON * Math.max(m, n);
  if (typeof rcond !== 'number') throw typeError('rcond', rcond, 'expected a number');
  if (!(rcond >= 0 && rcond < Number.POSITIVE_INFINITY))
    throw rangeError('rcond', rcond, 'expected a finite number ≥ 0');

  const svd = new SingularValueDecomposition(new Matrix(rows), { autoTranspose: true });
  const U = svd.leftSingularVectors;
  const V = svd.rightSingularVectors;
  const s = svd.diagonal;
  const k = Math.min(m, n);
  const singularValues = new Float64Array(k);
  for (let i = 0; i < k; i++) singularValues[i] = s[i]!;
  const cutoff = rcond * (singularValues[0] ?? 0);
  const x = new Float64Array(n);
  let rank = 0;
  for (let i = 0; i < k; i++) {
    const si = singularValues[i]!;
    if (!(si > cutoff)) continue;
    rank++;
    let ub = 0;
    for (let r = 0; r < m; r++) ub += U.get(r, i) * b[r]!;
    const c = ub / si;
    for (let j = 0; j < n; j++) x[j] = x[j]! + c * V.get(j, i);
  }
  let rr = 0;
  for (let i = 0; i < m; i++) {
    let ax = 0;
    const row = rows[i]!;
    for (let j = 0; j < n; j++) ax += row[j]! * x[j]!;
    const r = ax - b[i]!;
    rr += r * r;
  }
  return {
    x,
    residualNorm: Math.sqrt(rr),
    residuals: rank === n && m > n ? rr : Number.NaN,
    rank,
    singularValues,
  };
}
