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

/**
 * The axis a row-wise function works along, as NumPy's: `1` (rows, the default; `-1` is the same), `0`
 * (columns), or `null` (all entries at once, SciPy's default `axis=None`).
 */
export type Axis = 0 | 1 | -1 | null;

/**
 * Validates an `axis` option; returns `0` (columns), `1` (rows) or `'all'` (`null`: every entry of a
 * matrix at once). A vector accepts `0`, `-1` and `null`, all meaning the whole vector.
 */
export function readAxis(axis: unknown, x: unknown): 0 | 1 | 'all' {
  if (axis === undefined) return 1;
  const matrix = isMatrix(x) || isNestedShape(x);
  if (axis === null) return matrix ? 'all' : 1;
  if (typeof axis !== 'number') throw typeError('axis', axis, 'expected 0, 1, -1 or null');
  if (axis !== 0 && axis !== 1 && axis !== -1) throw rangeError('axis', axis, 'expected 0, 1, -1 or null');
  if (!matrix && axis === 1) throw rangeError('axis', axis, 'a vector has only axis 0 (or -1)');
  return axis === 0 && matrix ? 0 : 1;
}

/** Cheap shape test (no validation): nested rows rather than a vector. */
function isNestedShape(x: unknown): boolean {
  if (x === null || typeof x !== 'object') return false;
  const first = (x as ArrayLike<unknown>)[0];
  return typeof (x as ArrayLike<unknown>).length === 'number' && first !== null && typeof first === 'object';
}

/** A validated matrix input as row-major data, with a way back to the caller's shape. */
interface Grid {
  readonly rows: number;
  readonly cols: number;
  readonly data: ArrayLike<number>;
  readonly nested: boolean;
}

function toGrid(name: string, x: unknown): Grid {
  if (isMatrix(x)) {
    checkMatrixRecord(name, x);
    return { rows: x.rows, cols: x.cols, data: x.data, nested: false };
  }
  if (!isNestedRows(name, x)) throw typeError(name, x, 'expected number[][] or { rows, cols, data }');
  const rows = x.length;
  const cols = x[0]!.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) data.set(x[i]!, i * cols);
  return { rows, cols, data, nested: true };
}

/**
 * {@link mapRows} along the columns of a matrix (axis 0): each column is gathered into a work buffer,
 * mapped, and scattered back. Same input validation and output shapes as {@link mapRows}.
 */
export function mapColumns(name: string, x: unknown, kernel: RowKernel): Float64Array[] | Matrix {
  const { rows, cols, data, nested } = toGrid(name, x);
  const out = new Float64Array(rows * cols);
  const col = new Float64Array(rows);
  const res = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) col[i] = data[i * cols + j]!;
    kernel(col, 0, rows, res, 0);
    for (let i = 0; i < rows; i++) out[i * cols + j] = res[i]!;
  }
  if (!nested) return { rows, cols, data: out };
  return Array.from({ length: rows }, (_, i) => out.slice(i * cols, (i + 1) * cols));
}

/** {@link reduceRows} along the columns of a matrix (axis 0): one value per column. */
export function reduceColumns(name: string, x: unknown, reducer: RowReducer): Float64Array {
  const { rows, cols, data } = toGrid(name, x);
  const out = new Float64Array(cols);
  const col = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) col[i] = data[i * cols + j]!;
    out[j] = reducer(col, 0, rows);
  }
  return out;
}

/**
 * A weight array `b` shaped like `x` (vector, nested rows or `Matrix`), as row-major data of
 * `rows × cols` entries (a vector is one row).
 */
export function weightsLike(
  x: unknown,
  b: unknown,
): { rows: number; cols: number; a: ArrayLike<number>; w: ArrayLike<number>; vector: boolean } {
  if (isMatrix(x) || isNestedShape(x)) {
    const g = toGrid('x', x);
    let bg: Grid;
    try {
      bg = toGrid('b', b);
    } catch (e) {
      if (isMatrix(b) || isNestedShape(b)) throw e;
      throw typeError('b', b, `expected a ${g.rows}x${g.cols} matrix like x`);
    }
    if (bg.rows !== g.rows || bg.cols !== g.cols) {
      throw rangeError('b', `${bg.rows}x${bg.cols} matrix`, `expected ${g.rows}x${g.cols} like x`);
    }
    return { rows: g.rows, cols: g.cols, a: g.data, w: bg.data, vector: false };
  }
  checkVector('x', x);
  checkVector('b', b);
  if (b.length !== x.length) throw rangeError('b', b, `expected ${x.length} entries like x`);
  return { rows: 1, cols: x.length, a: x, w: b, vector: true };
}

/** {@link mapRows} over every entry of a matrix at once (`axis: null`), keeping its shape. */
export function mapAll(name: string, x: unknown, kernel: RowKernel): Float64Array[] | Matrix {
  const { rows, cols, data, nested } = toGrid(name, x);
  const out = new Float64Array(rows * cols);
  kernel(data, 0, rows * cols, out, 0);
  if (!nested) return { rows, cols, data: out };
  return Array.from({ length: rows }, (_, i) => out.slice(i * cols, (i + 1) * cols));
}

/** {@link reduceRows} over every entry of a matrix at once (`axis: null`): one number. */
export function reduceAll(name: string, x: unknown, reducer: RowReducer): number {
  const { rows, cols, data } = toGrid(name, x);
  return reducer(data, 0, rows * cols);
}
