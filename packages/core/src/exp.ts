import { type PrecisionOptions, readPrecision } from './_precision.js';
import { typeError } from './_validate.js';

/**
 * `ln(Number.MAX_VALUE)`: `Math.exp(x)` is finite for `x <= FLOAT64_EXP_MAX` and `Infinity` for every
 * larger double.
 *
 * @example
 * ```ts
 * Math.exp(FLOAT64_EXP_MAX); // 1.7976931348622732e+308
 * ```
 */
export const FLOAT64_EXP_MAX = 709.782712893384;

/**
 * `ln(Number.MIN_VALUE)` (the smallest subnormal, 2^-1074): below it `Math.exp(x)` has no significant
 * digits left, and it rounds to `0` from `x = -745.1332191019412` (≈ ln 2^-1075) down.
 *
 * @example
 * ```ts
 * Math.exp(FLOAT64_EXP_MIN); // 5e-324 (Number.MIN_VALUE)
 * ```
 */
export const FLOAT64_EXP_MIN = -744.4400719213812;

/**
 * `ln(3.4028234663852886e38)`, the natural log of the largest float32. In float32 the input itself is
 * rounded, so the largest float32 `x` whose `exp` is finite is `88.72283172607422`; the next float32,
 * `88.72283935546875`, already overflows. `exp(89)` is `Infinity` in float32 and about 4.49e38 in float64.
 *
 * @example
 * ```ts
 * exp(88.72283172607422, { precision: 'float32' }); // 3.4027985e+38
 * exp(Math.fround(FLOAT32_EXP_MAX), { precision: 'float32' }); // Infinity
 * ```
 */
export const FLOAT32_EXP_MAX = 88.72283905206835;

/**
 * `ln(2^-149)`, the natural log of the smallest float32 subnormal: float32 `exp` is `0` a little below.
 *
 * @example
 * ```ts
 * exp(FLOAT32_EXP_MIN, { precision: 'float32' }); // 1.401298464324817e-45 (2^-149)
 * exp(-104, { precision: 'float32' }); // 0
 * ```
 */
export const FLOAT32_EXP_MIN = -103.27892990343184;

/**
 * `e^x` in double precision, or in emulated single precision: with `{ precision: 'float32' }` the input
 * and the result are rounded with `Math.fround`, so `exp(89, { precision: 'float32' })` overflows to
 * `Infinity` (see {@link FLOAT32_EXP_MAX}) while `exp(89)` is about 4.49e38 (float64 overflows past
 * {@link FLOAT64_EXP_MAX} ≈ 709.78).
 *
 * @param x - The exponent; NaN and ±Infinity pass through as `Math.exp` treats them.
 * @param options - `{ precision: 'float64' | 'float32' }`, default `'float64'`.
 * @returns `e^x`, rounded to float32 when asked.
 * @example
 * ```ts
 * exp(89); // 4.4896128191743455e+38
 * exp(89, { precision: 'float32' }); // Infinity
 * ```
 */
export function exp(x: number, options?: PrecisionOptions): number {
  if (typeof x !== 'number') throw typeError('x', x, 'expected a number');
  return readPrecision(options) ? Math.fround(Math.exp(Math.fround(x))) : Math.exp(x);
}
