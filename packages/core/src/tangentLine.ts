import { numberFrom } from './_callback.js';
import { type NumericalDiffOptions, numericalDiff } from './numericalDiff.js';

/** The tangent line `t ↦ slope·t + intercept`, with its coefficients attached. */
export type TangentLine = ((t: number) => number) & { readonly slope: number; readonly intercept: number };

/**
 * The tangent line of `f` at `x`, as the notebook's `tangent_line`: `d = numericalDiff(f, x)`,
 * `y = f(x) − d·x`, and the line `t ↦ d·t + y` (same operations, same bits).
 *
 * @param f - A function of one variable.
 * @param x - The point of tangency, finite.
 * @param options - Passed to {@link numericalDiff} (default: central differences, `h = 1e-4`).
 * @returns The line as a function, with `slope` (`d`) and `intercept` (`y`) properties.
 * @example
 * ```ts
 * const tf = tangentLine((x) => 0.01 * x ** 2 + 0.1 * x, 5); // the notebook's function_1
 * tf.slope; // 0.1999999999990898
 * tf(10); // 1.749999999995449
 * ```
 */
export function tangentLine(
  f: (x: number) => number,
  x: number,
  options?: NumericalDiffOptions,
): TangentLine {
  const d = numericalDiff(f, x, options);
  const y = numberFrom('f', f(x)) - d * x;
  return Object.assign((t: number) => d * t + y, { slope: d, intercept: y });
}
