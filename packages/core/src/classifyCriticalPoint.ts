import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import type { MatrixLike } from './_matrix.js';
import { checkFinite, checkOptionKeys, rangeError } from './_validate.js';
import { readMatrix } from './testFunctions/_common.js';

/** What the second-derivative test says about a critical point. */
export type CriticalPointKind = 'minimum' | 'maximum' | 'saddle' | 'inconclusive';

/** The verdict of {@link classifyCriticalPoint}. */
export interface CriticalPointClass {
  /** `'minimum'`, `'maximum'`, `'saddle'`, or `'inconclusive'` when the test cannot decide. */
  readonly kind: CriticalPointKind;
  /** The Hessian's eigenvalues, ascending. */
  readonly eigenvalues: Float64Array;
}

/** Options of {@link classifyCriticalPoint}. */
export interface ClassifyOptions {
  /**
   * An eigenvalue counts as zero when `|λ| ≤ eigTol·max(1, max |λ|)`; default `1e-8` (rounding in a
   * Hessian computed in floating point is far below it, a finite-difference Hessian's error near it).
   */
  readonly eigTol?: number;
}

/**
 * The second-derivative test (Deep Learning book §4.3) from the Hessian at a critical point, by the signs
 * of its eigenvalues (ml-matrix's symmetric `EigenvalueDecomposition`):
 *
 * - all positive: a local `'minimum'`; all negative: a local `'maximum'`;
 * - at least one positive and one negative: a `'saddle'` (a minimum along one cross-section and a
 *   maximum along another), whatever the others are;
 * - otherwise some eigenvalue is zero and the rest share a sign: `'inconclusive'`, as the book says the
 *   test then is (`x⁴`, `−x⁴` and `x³` all have `f'' = 0` at 0).
 *
 * @param hessian - The symmetric `n × n` Hessian (`number[][]` or row-major `Matrix`), finite entries;
 *   asymmetry beyond `1e-8` relative is a `RangeError`, smaller asymmetry is averaged away.
 * @param options - `{ eigTol }`, see {@link ClassifyOptions}.
 * @returns `{ kind, eigenvalues }`.
 * @example
 * ```ts
 * classifyCriticalPoint([[2, 0], [0, -2]]); // { kind: 'saddle', eigenvalues: Float64Array [-2, 2] }
 * classifyCriticalPoint([[0]]).kind; // 'inconclusive'
 * ```
 */
export function classifyCriticalPoint(hessian: MatrixLike, options?: ClassifyOptions): CriticalPointClass {
  checkOptionKeys(options, ['eigTol']);
  const eigTol = options?.eigTol ?? 1e-8;
  checkFinite('eigTol', eigTol);
  if (!(eigTol >= 0)) throw rangeError('eigTol', eigTol, 'expected a number >= 0');
  const eigenvalues = symmetricEigenvalues('hessian', hessian);
  return { kind: classify(eigenvalues, eigTol), eigenvalues };
}

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
