import { checkFiniteEntries } from './_callback.js';
import type { NumericalGradientOptions } from './_gradient.js';
import { checkedF, gradientInto, readGradientOptions } from './_gradient.js';
import { isMatrix, type Matrix, type MatrixLike, toRows } from './_matrix.js';
import { checkFunction, rangeError } from './_validate.js';

/**
 * {@link numericalGradient} at many points: one point per row in, one gradient per row out (the
 * notebook's batch `numerical_gradient` for its quiver grid). Each row is computed exactly as
 * `numericalGradient` would.
 *
 * Note: the notebook calls it as `numerical_gradient(function_2, np.array([X, Y]))`, a `2 × N`
 * array whose *rows are coordinates*; that only works because `function_2` is separable. Here the
 * rows are points (`N × 2`), which is right for any `f`.
 *
 * @param f - The objective; it receives one reused `Float64Array` work row, so it must not keep it.
 * @param points - `N × n` points, one per row (`number[][]` or a row-major {@link Matrix}).
 * @param options - As `numericalGradient`: `{ h, method, absStep, relStep, fComplex }` (default the
 *   notebook's central differences, `h = 1e-4`).
 * @returns A new row-major `N × n` {@link Matrix}: row `k` is the gradient at point `k`.
 * @example
 * ```ts
 * const sumSq = (v: Float64Array) => v[0]! ** 2 + v[1]! ** 2;
 * numericalGradientBatch(sumSq, [[1, 0], [0, -2]]).data; // ≈ [2, 0, 0, -4]
 * ```
 */
export function numericalGradientBatch(
  f: (x: Float64Array) => number,
  points: MatrixLike,
  options?: NumericalGradientOptions,
): Matrix {
  checkFunction('f', f);
  let rows: number;
  let cols: number;
  let src: Float64Array | undefined;
  let nested: number[][] | undefined;
  if (isMatrix(points)) {
    ({ rows, cols } = points);
    if (rows < 1 || cols < 1 || points.data.length !== rows * cols) {
      throw rangeError('points', `${rows}x${cols} matrix with ${points.data.length} entries`);
    }
    src = points.data;
    for (let k = 0; k < src.length; k++) {
      const v = src[k]!;
      if (!Number.isFinite(v))
        throw rangeError(`points[${Math.floor(k / cols)}][${k % cols}]`, v, 'expected a finite number');
    }
  } else {
    nested = toRows('points', points);
    rows = nested.length;
    cols = nested[0]!.length;
    for (let r = 0; r < rows; r++) checkFiniteEntries(`points[${r}]`, nested[r]!);
  }
  const p = readGradientOptions(options, cols);
  const g = checkedF(f);
  const data = new Float64Array(rows * cols);
  const work = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    if (src) work.set(src.subarray(r * cols, (r + 1) * cols));
    else work.set(nested![r]!);
    gradientInto(g, work, data.subarray(r * cols, (r + 1) * cols), p);
  }
  return { rows, cols, data };
}
