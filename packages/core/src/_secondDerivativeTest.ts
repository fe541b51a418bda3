import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import type { MatrixLike } from './_matrix.js';
import { rangeError } from './_validate.js';
import { readMatrix } from './testFunctions/_common.js';

/** What the second-derivative test says about a critical point. */
export type CriticalPointKind = 'minimum' | 'maximum' | 'saddle' | 'inconclusive';

/** The eigenvalues (ascending) of a symmetric matrix, checked and symmetrised. */
export function symmetricEigenvalues(name: string, h: MatrixLike): Float64Array {
  const m = readMatrix(name, h);
  const n = m.rows;
  if (m.cols !== n) throw rangeError(name, `${m.rows}x${m.cols} matrix`, 'expected a square matrix');
  const a = m.data;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const u = a[i * n + j]!;
      const v = a[j * n + i]!;
      if (Math.abs(u - v) > 1e-8 * (Math.abs(u) + Math.abs(v))) {
        throw rangeError(name, h, `not symmetric: [${i}][${j}] = ${u}, [${j}][${i}] = ${v}`);
      }
      a[i * n + j] = a[j * n + i] = u === v ? u : 0.5 * u + 0.5 * v;
    }
  }
  const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
  const evd = new EigenvalueDecomposition(new MlMatrix(rows), { assumeSymmetric: true });
  return Float64Array.from(evd.realEigenvalues).sort();
}

/** The kind from eigenvalues, with `|λ| ≤ eigTol·max(1, max|λ|)` counted as zero. */
export function classify(eigenvalues: Float64Array, eigTol: number): CriticalPointKind {
  let big = 1;
  for (const l of eigenvalues) big = Math.max(big, Math.abs(l));
  const zero = eigTol * big;
  let pos = 0;
  let neg = 0;
  for (const l of eigenvalues) {
    if (l > zero) pos++;
    else if (l < -zero) neg++;
  }
  if (pos > 0 && neg > 0) return 'saddle';
  if (pos + neg < eigenvalues.length) return 'inconclusive';
  return pos > 0 ? 'minimum' : 'maximum';
}
