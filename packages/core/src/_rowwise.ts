import { isMatrix, type Matrix } from './_matrix.js';
import { checkVector, rangeError, typeError } from './_validate.js';

/** Writes `f(x[xo], …, x[xo + n - 1])` into `out[oo], …, out[oo + n - 1]`. Trusts its caller. */
export type RowKernel = (x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number) => void;

/** Reduces `x[xo], …, x[xo + n - 1]` to one number. Trusts its caller. */
export type RowReducer = (x: ArrayLike<number>, xo: number, n: number) => number;

function checkMatrixRecord(name: string, m: Matrix): void {
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 1 || m.cols < 1) {
    throw rangeError(name, `${m.rows}x${m.cols} matrix`, 'expected rows >= 1 and cols >= 1');
  }
  if (m.data.length !== m.rows * m.cols) {
    throw rangeError(name, `${m.rows}x${m.cols} matrix with ${m.data.length} entries`);
  }
}

/** True when `x` looks like nested rows (`number[][]`); validates every row and that all have one length. */
function isNestedRows(name: string, x: unknown): x is ArrayLike<ArrayLike<number>> {
  if (x === null || typeof x !== 'object') return false;
  const a = x as ArrayLike<unknown>;
  if (typeof a.length !== 'number' || a.length === 0) return false;
  const first = a[0];
  if (first === null || typeof first !== 'object') return false;
  const cols = (first as ArrayLike<unknown>).length;
  for (let i = 0; i < a.length; i++) {
    const row = a[i];
    checkVector(`${name}[${i}]`, row);
    if (row.length !== cols)
      throw rangeError(`${name}[${i}]`, row, `expected ${cols} columns like ${name}[0]`);
  }
  return true;
}

/**
 * Applies a row kernel to a vector, to each row of a row-major {@link Matrix}, or to each row of nested
 * arrays, validating the input. Returns a `Float64Array`, a `Matrix` of the same shape, or one
 * `Float64Array` per row, respectively.
 */
export function mapRows(name: string, x: unknown, kernel: RowKernel): Float64Array | Float64Array[] | Matrix {
  if (isMatrix(x)) {
    checkMatrixRecord(name, x);
    const { rows, cols } = x;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) kernel(x.data, i * cols, cols, data, i * cols);
    return { rows, cols, data };
  }
  if (isNestedRows(name, x)) {
    const out: Float64Array[] = [];
    for (let i = 0; i < x.length; i++) {
      const row = x[i]!;
      const r = new Float64Array(row.length);
      kernel(row, 0, row.length, r, 0);
      out.push(r);
    }
    return out;
  }
  checkVector(name, x);
  const out = new Float64Array(x.length);
  kernel(x, 0, x.length, out, 0);
  return out;
}

/**
 * Applies a reducer to a vector (returns a number) or to each row of a matrix (returns a `Float64Array`
 * with one entry per row), validating the input.
 */
export function reduceRows(name: string, x: unknown, reducer: RowReducer): number | Float64Array {
  if (isMatrix(x)) {
    checkMatrixRecord(name, x);
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) out[i] = reducer(x.data, i * x.cols, x.cols);
    return out;
  }
  if (isNestedRows(name, x)) {
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const row = x[i]!;
      out[i] = reducer(row, 0, row.length);
    }
    return out;
  }
  checkVector(name, x);
  return reducer(x, 0, x.length);
}

/** Validates the `(x, out)` pair of an `*Into` function: a vector and a `Float64Array` of the same length. */
export function checkInto(x: unknown, out: unknown): asserts x is ArrayLike<number> {
  checkVector('x', x);
  if (!(out instanceof Float64Array)) throw typeError('out', out, 'expected a Float64Array');
  if (out.length !== x.length) throw rangeError('out', out, `expected length ${x.length} like x`);
}
