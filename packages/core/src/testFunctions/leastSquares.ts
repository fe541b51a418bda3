import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import type { Matrix, MatrixLike } from '../_matrix.js';
import { rangeError } from '../_validate.js';
import { boxAround, checkBatch, hessInto, readMatrix, readVector } from './_common.js';
import type { TestFunction } from './_types.js';

/**
 * Linear least squares `f(x) = ½·‖Ax − b‖²` for an `m × n` matrix `A`: gradient `Aᵀ(Ax − b)`,
 * Hessian `AᵀA`. `f` and `grad` form the residual on the fly and allocate nothing. The listed
 * minimum is the minimum-norm least-squares solution `A⁺b` (SVD, ml-matrix): the unique minimiser
 * when `A` has full column rank, one point of an affine set of minimisers otherwise. The domain is
 * `[min(0, x*ᵢ) − 5, max(0, x*ᵢ) + 5]` per coordinate.
 *
 * @param A - Design matrix, `m × n` (`number[][]` or row-major), finite.
 * @param b - Observations, length `m`, finite.
 * @returns A fresh {@link TestFunction} named `'least-squares'` with `dim = n`.
 * @example
 * ```ts
 * // fit y = x₀ + x₁·t through (0, 1), (1, 3), (2, 5)
 * const ls = leastSquares([[1, 0], [1, 1], [1, 2]], [1, 3, 5]);
 * ls.minima[0]!.x; // ≈ [1, 2]
 * ```
 */
export function leastSquares(A: MatrixLike, b: ArrayLike<number>): TestFunction {
  const { rows: m, cols: n, data: a } = readMatrix('A', A);
  const bb = readVector('b', b, m);

  const nested = Array.from({ length: m }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
  const svd = new SingularValueDecomposition(new MlMatrix(nested), { autoTranspose: true });
  const xs = svd.solve(MlMatrix.columnVector(Array.from(bb))).getColumn(0);
  if (xs.length !== n || !xs.every(Number.isFinite)) throw rangeError('A', A, 'least-squares solve failed');

  const f = (x: Float64Array): number => value(a, bb, m, n, x, 0, 1);

  return {
    name: 'least-squares',
    dim: n,
    f,
    grad: (x: Float64Array, out: Float64Array = new Float64Array(n)): Float64Array => {
      gradient(a, bb, m, n, x, 0, 1, out, 0, 1);
      return out;
    },
    fBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(n, points, count, out, 1);
      for (let p = 0; p < count; p++) out[p] = value(a, bb, m, n, points, p, count);
      return out;
    },
    gradBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(n, points, count, out, n);
      for (let p = 0; p < count; p++) gradient(a, bb, m, n, points, p, count, out, p, count);
      return out;
    },
    hess: (_x: Float64Array, out?: Matrix): Matrix => {
      const hm = hessInto(out, n);
      const h = hm.data;
      for (let j = 0; j < n; j++) {
        for (let k = j; k < n; k++) {
          let s = 0;
          for (let i = 0; i < m; i++) s += a[i * n + j]! * a[i * n + k]!;
          h[j * n + k] = h[k * n + j] = s;
        }
      }
      return hm;
    },
    minima: [{ x: xs, f: f(Float64Array.from(xs)) }],
    domain: boxAround(xs),
  };
}

/** `½·‖Ax − b‖²`, the residuals formed on the fly, coordinate `j` at `x[o + j·s]`. */
function value(
  a: Float64Array,
  b: Float64Array,
  m: number,
  n: number,
  x: Float64Array,
  o: number,
  s: number,
): number {
  let t = 0;
  for (let i = 0; i < m; i++) {
    let r = -b[i]!;
    for (let j = 0; j < n; j++) r += a[i * n + j]! * x[o + j * s]!;
    t += r * r;
  }
  return 0.5 * t;
}

/** `Aᵀ(Ax − b)` accumulated residual by residual, strided in and out. */
function gradient(
  a: Float64Array,
  b: Float64Array,
  m: number,
  n: number,
  x: Float64Array,
  o: number,
  s: number,
  out: Float64Array,
  oo: number,
  os: number,
): void {
  for (let j = 0; j < n; j++) out[oo + j * os] = 0;
  for (let i = 0; i < m; i++) {
    let r = -b[i]!;
    for (let j = 0; j < n; j++) r += a[i * n + j]! * x[o + j * s]!;
    for (let j = 0; j < n; j++) out[oo + j * os] = out[oo + j * os]! + a[i * n + j]! * r;
  }
}
