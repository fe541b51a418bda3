import { EigenvalueDecomposition } from 'ml-matrix';
import type { MatrixLike } from './_matrix.js';
import { shapeOf, toMlMatrix } from './_mlMatrix.js';
import { rangeError } from './_validate.js';

/**
 * The Deep Learning book's eigenvalue form of the condition number (section 4.2):
 *
 * ```math
 * \kappa_\lambda(A) = \max_{i,j} \left|\frac{\lambda_i}{\lambda_j}\right|
 *                   = \frac{\max_i |\lambda_i|}{\min_i |\lambda_i|}
 * ```
 * Eigenvalues come from ml-matrix's `EigenvalueDecomposition`; complex ones count by their modulus
 * `√(re² + im²)`. For a symmetric (more generally, normal) matrix this equals `cond(A, 2)`; for a
 * non-normal one it can be far smaller (`[[1, 1e4], [0, 1]]` has `condEig = 1` but `cond ≈ 1e8`), which
 * is why numerical libraries use singular values. A zero eigenvalue gives `Infinity`, never NaN.
 *
 * @param A - A square matrix: `number[][]` or a row-major `Matrix`, finite entries.
 * @returns `max |λ| / min |λ|`.
 * @example
 * ```ts
 * condEig([[1, 0, 0], [0, 10, 0], [0, 0, 100]]); // 100
 * condEig([[1, 0, -1], [0, 1, 0], [1, 0, 1]]); // √2: eigenvalues 1 ± i and 1
 * ```
 */
export function condEig(A: MatrixLike): number {
  const m = toMlMatrix('A', A);
  if (!m.isSquare()) throw rangeError('A', shapeOf(m), 'expected a square matrix');
  const evd = new EigenvalueDecomposition(m);
  const re = evd.realEigenvalues;
  const im = evd.imaginaryEigenvalues;
  let hi = 0;
  let lo = Infinity;
  for (let i = 0; i < re.length; i++) {
    const mod = Math.hypot(re[i]!, im[i]!);
    if (mod > hi) hi = mod;
    if (mod < lo) lo = mod;
  }
  const r = hi / lo;
  return Number.isNaN(r) ? Infinity : r;
}
