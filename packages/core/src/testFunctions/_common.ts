import { fromRows, type Matrix, type MatrixLike, toRows } from '../_matrix.js';
import { checkVector, rangeError, typeError } from '../_validate.js';

/** Checks a dimension argument: an integer ≥ `min`. */
export function checkDim(name: string, dim: unknown, min: number): asserts dim is number {
  if (typeof dim !== 'number') throw typeError(name, dim, 'expected an integer');
  if (!Number.isInteger(dim) || dim < min) throw rangeError(name, dim, `expected an integer >= ${min}`);
}

/** A zero `n × n` row-major matrix. */
export function zeroMatrix(n: number): Matrix {
  return { rows: n, cols: n, data: new Float64Array(n * n) };
}

/**
 * Where a Hessian is written: `out` with every entry set to 0 (`hess(x, out)` overwrites all of it), or
 * a new zero n×n matrix.
 */
export function hessInto(out: Matrix | undefined, n: number): Matrix {
  if (out === undefined) return zeroMatrix(n);
  out.data.fill(0, 0, n * n);
  return out;
}

/** The 2×2 Hessian [[a, b], [c, d]] written into `out`, or a new matrix. */
export function hess2(out: Matrix | undefined, a: number, b: number, c: number, d: number): Matrix {
  if (out === undefined) return { rows: 2, cols: 2, data: Float64Array.of(a, b, c, d) };
  const m = out.data;
  m[0] = a;
  m[1] = b;
  m[2] = c;
  m[3] = d;
  return out;
}

/** The 1×1 Hessian [[a]] written into `out`, or a new matrix. */
export function hess1(out: Matrix | undefined, a: number): Matrix {
  if (out === undefined) return { rows: 1, cols: 1, data: Float64Array.of(a) };
  out.data[0] = a;
  return out;
}

/** The same `[lo, hi]` box for each of `dim` coordinates. */
export function box(dim: number, lo: number, hi: number): (readonly [number, number])[] {
  return Array.from({ length: dim }, () => [lo, hi] as const);
}

/** `n` copies of `v`. */
export function filled(n: number, v: number): number[] {
  return new Array<number>(n).fill(v);
}

/** Validates a finite matrix argument and returns it row-major (a fresh copy). */
export function readMatrix(name: string, a: MatrixLike): Matrix {
  const rows = toRows(name, a);
  const m = fromRows(rows);
  for (let k = 0; k < m.data.length; k++) {
    const v = m.data[k]!;
    if (!Number.isFinite(v)) {
      throw rangeError(`${name}[${Math.floor(k / m.cols)}][${k % m.cols}]`, v, 'expected a finite number');
    }
  }
  return m;
}

/** Validates a finite vector argument of length `n` and returns a fresh copy. */
export function readVector(name: string, b: unknown, n: number): Float64Array {
  checkVector(name, b);
  if (b.length !== n) throw rangeError(name, b, `expected ${n} entries, got ${b.length}`);
  const out = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(out[i]!)) throw rangeError(`${name}[${i}]`, out[i], 'expected a finite number');
  }
  return out;
}

/** The box `[min(0, cᵢ) − 5, max(0, cᵢ) + 5]`: it holds the origin and the point `c`. */
export function boxAround(c: ArrayLike<number>): (readonly [number, number])[] {
  return Array.from(
    { length: c.length },
    (_, i) => [Math.min(0, c[i]!) - 5, Math.max(0, c[i]!) + 5] as const,
  );
}

/**
 * The O(1) argument check of a batched evaluation: `count` a non-negative integer, `points` holding
 * `dim·count` coordinates and `out` `outPerPoint·count` values (typed-array writes past the end would be
 * silently dropped). Allocates nothing unless it throws.
 */
export function checkBatch(
  dim: number,
  points: unknown,
  count: unknown,
  out: unknown,
  outPerPoint: number,
): void {
  if (
    points instanceof Float64Array &&
    out instanceof Float64Array &&
    typeof count === 'number' &&
    Number.isInteger(count) &&
    count >= 0 &&
    points.length >= dim * count &&
    out.length >= outPerPoint * count
  ) {
    return;
  }
  if (!(points instanceof Float64Array)) throw typeError('points', points, 'expected a Float64Array');
  if (!(out instanceof Float64Array)) throw typeError('out', out, 'expected a Float64Array');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw rangeError('count', count, 'expected an integer >= 0');
  }
  if (points.length < dim * count) {
    throw rangeError('points', `${points.length} entries`, `expected ${dim}·count = ${dim * count}`);
  }
  throw rangeError('out', `${out.length} entries`, `expected ${outPerPoint * count}`);
}
