import type { MatrixLike } from './_matrix.js';
import { type CriticalPointKind, classify, symmetricEigenvalues } from './_secondDerivativeTest.js';
import { checkFinite, checkOptionKeys, rangeError } from './_validate.js';

export type { CriticalPointKind } from './_secondDerivativeTest.js';

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
