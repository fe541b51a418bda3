import { CholeskyDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import type { Matrix, MatrixLike } from '../_matrix.js';
import { checkFinite, rangeError } from '../_validate.js';
import { boxAround, checkBatch, readMatrix, readVector } from './_common.js';
import type { Minimum, TestFunction } from './_types.js';

/**
 * The quadratic `f(x) = ½·xᵀAx − bᵀx + c` for a symmetric `A` (the convention of Nocedal & Wright
 * and of conjugate gradients): gradient `Ax − b`, Hessian `A`. When `A` is positive definite the
 * unique minimiser solves `Ax = b` (Cholesky from ml-matrix, plus one step of iterative refinement) and `f* = c − ½·bᵀx*`; otherwise `f` is
 * unbounded below or its minimisers are not unique, and `minima` is empty.
 * The domain is `[min(0, x*ᵢ) − 5, max(0, x*ᵢ) + 5]` per coordinate (`x* = 0` without a minimiser).
 *
 * @param A - Symmetric `n × n` matrix (`number[][]` or row-major); asymmetry beyond rounding
 *   (`|Aᵢⱼ − Aⱼᵢ| > 1e-12·(|Aᵢⱼ| + |Aⱼᵢ|)`) is a `RangeError`. It is copied and symmetrised.
 * @param b - Linear term, length `n`.
 * @param c - Constant term (default 0).
 * @returns A fresh {@link TestFunction} named `'quadratic'`.
 * @example
 * ```ts
 * const q = quadratic([[2, 0], [0, 4]], [2, 4], 1);
 * q.minima[0]; // { x: [1, 1], f: -2 }
 * q.grad(Float64Array.of(0, 0)); // Float64Array [-2, -4]
 * ```
 */
export function quadratic(A: MatrixLike, b: ArrayLike<number>, c = 0): TestFunction {
  const m = readMatrix('A', A);
  const n = m.rows;
  if (m.cols !== n) throw rangeError('A', A, `expected a square matrix, got ${m.rows}x${m.cols}`);
  const a = m.data;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const u = a[i * n + j]!;
      const v = a[j * n + i]!;
      if (Math.abs(u - v) > 1e-12 * (Math.abs(u) + Math.abs(v))) {
        throw rangeError('A', A, `not symmetric: A[${i}][${j}] = ${u}, A[${j}][${i}] = ${v}`);
      }
      a[i * n + j] = a[j * n + i] = u === v ? u : 0.5 * u + 0.5 * v;
    }
  }
  const bb = readVector('b', b, n);
  checkFinite('c', c);

  const minima: Minimum[] = [];
  const chol = new CholeskyDecomposition(new MlMatrix(toNested(a, n)));
  if (chol.isPositiveDefinite()) {
    const xs = chol.solve(MlMatrix.columnVector(Array.from(bb))).getColumn(0);
    // One step of iterative refinement: x += A⁻¹(b − Ax).
    const r = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      let s = bb[i]!;
      for (let j = 0; j < n; j++) s -= a[i * n + j]! * xs[j]!;
      r[i] = s;
    }
    const dx = chol.solve(MlMatrix.columnVector(r)).getColumn(0);
    for (let i = 0; i < n; i++) xs[i] = xs[i]! + dx[i]!;
    let bx = 0;
    for (let i = 0; i < n; i++) bx += bb[i]! * xs[i]!;
    minima.push({ x: xs, f: c - 0.5 * bx });
  }

  return {
    name: 'quadratic',
    dim: n,
    f: (x: Float64Array): number => value(a, bb, c, x, 0, 1),
    grad: (x: Float64Array, out: Float64Array = new Float64Array(n)): Float64Array => {
      gradient(a, bb, x, 0, 1, out, 0, 1);
      return out;
    },
    fBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(n, points, count, out, 1);
      for (let p = 0; p < count; p++) out[p] = value(a, bb, c, points, p, count);
      return out;
    },
    gradBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(n, points, count, out, n);
      for (let p = 0; p < count; p++) gradient(a, bb, points, p, count, out, p, count);
      return out;
    },
    hess: (_x: Float64Array, out?: Matrix): Matrix => {
      if (out === undefined) return { rows: n, cols: n, data: a.slice() };
      out.data.set(a);
      return out;
    },
    minima,
    domain: boxAround(minima[0]?.x ?? new Float64Array(n)),
  };
}

/** `½xᵀAx − bᵀx + c` as `Σᵢ xᵢ(½(Ax)ᵢ − bᵢ) + c`, coordinate `i` at `x[o + i·s]`. */
function value(a: Float64Array, b: Float64Array, c: number, x: Float64Array, o: number, s: number): number {
  const n = b.length;
  let t = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += a[i * n + j]! * x[o + j * s]!;
    t += x[o + i * s]! * (0.5 * r - b[i]!);
  }
  return t + c;
}

/** `Ax − b`, strided in and out. */
function gradient(
  a: Float64Array,
  b: Float64Array,
  x: Float64Array,
  o: number,
  s: number,
  out: Float64Array,
  oo: number,
  os: number,
): void {
  const n = b.length;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += a[i * n + j]! * x[o + j * s]!;
    out[oo + i * os] = r - b[i]!;
  }
}

function toNested(a: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
}
