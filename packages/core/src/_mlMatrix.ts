import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { type MatrixLike, toRows } from './_matrix.js';
import { rangeError } from './_validate.js';

/** Validates a {@link MatrixLike} with finite entries and copies it into an ml-matrix `Matrix`. */
export function toMlMatrix(name: string, a: MatrixLike): MlMatrix {
  const rows = toRows(name, a);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let j = 0; j < r.length; j++) {
      if (!Number.isFinite(r[j])) throw rangeError(`${name}[${i}][${j}]`, r[j], 'expected a finite number');
    }
  }
  return new MlMatrix(rows);
}

/** `rows x cols` for error messages. */
export function shapeOf(m: MlMatrix): string {
  return `${m.rows}x${m.columns} matrix`;
}

/** Singular values of `m` (any shape), largest first; no singular vectors are formed. */
export function singularValues(m: MlMatrix): number[] {
  return new SingularValueDecomposition(m, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  }).diagonal;
}
