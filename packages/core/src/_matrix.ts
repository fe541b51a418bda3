import { rangeError, typeError } from './_validate.js';

/** A dense row-major matrix: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A matrix at the public edge: nested arrays (`number[][]`) or a row-major {@link Matrix}. */
export type MatrixLike = ArrayLike<ArrayLike<number>> | Matrix;

/** True when `m` is a row-major {@link Matrix} record. */
export function isMatrix(m: unknown): m is Matrix {
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof (m as Matrix).rows === 'number' &&
    typeof (m as Matrix).cols === 'number' &&
    (m as Matrix).data instanceof Float64Array
  );
}

/** Converts a {@link MatrixLike} to nested `number[][]` rows, validating its shape. */
export function toRows(name: string, m: MatrixLike): number[][] {
  if (isMatrix(m)) {
    if (m.data.length !== m.rows * m.cols || m.rows < 1 || m.cols < 1) {
      throw rangeError(name, `${m.rows}x${m.cols} matrix with ${m.data.length} entries`);
    }
    const out: number[][] = [];
    for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
    return out;
  }
  if (m === null || typeof m !== 'object' || typeof (m as ArrayLike<unknown>).length !== 'number') {
    throw typeError(name, m, 'expected number[][] or { rows, cols, data }');
  }
  const rows = m as ArrayLike<ArrayLike<number>>;
  if (rows.length === 0) throw rangeError(name, m, 'empty matrix');
  const first = rows[0];
  if (first === null || typeof first !== 'object' || typeof first.length !== 'number') {
    throw typeError(name, m, 'expected number[][] or { rows, cols, data }');
  }
  const cols = first.length;
  if (cols === 0) throw rangeError(name, m, 'empty row');
  const out: number[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.length !== cols) throw rangeError(`${name}[${i}]`, r, `expected ${cols} columns`);
    const row = new Array<number>(cols);
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== 'number') throw typeError(`${name}[${i}][${j}]`, v, 'expected a number');
      row[j] = v;
    }
    out.push(row);
  }
  return out;
}

/** Builds a row-major {@link Matrix} from nested rows. */
export function fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
  const r = rows.length;
  const c = r > 0 ? rows[0]!.length : 0;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) data[i * c + j] = rows[i]![j]!;
  return { rows: r, cols: c, data };
}
