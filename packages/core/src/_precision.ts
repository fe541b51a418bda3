import { checkOptionKeys, rangeError, typeError } from './_validate.js';

/** Floating-point format an operation is carried out in. */
export type Precision = 'float64' | 'float32';

/** Options shared by the overflow/underflow functions. */
export interface PrecisionOptions {
  /**
   * `'float64'` (default) computes in double precision. `'float32'` rounds the input and the result of
   * every operation with `Math.fround`, emulating the single precision that deep learning uses; results
   * are still returned as a `Float64Array` (or number) holding float32 values.
   */
  readonly precision?: Precision;
}

/** Validates `options` and returns true when it asks for float32 emulation. */
export function isFloat32(options: PrecisionOptions | undefined): boolean {
  if (options === undefined) return false;
  if (options === null || typeof options !== 'object')
    throw typeError('options', options, 'expected an object');
  const p: unknown = options.precision;
  if (p === undefined || p === 'float64') return false;
  if (p === 'float32') return true;
  throw rangeError('options.precision', p, "expected 'float64' or 'float32'");
}

/** Options of the row-wise functions (`softmax`, `logSoftmax`): precision and axis. */
export interface AxisOptions extends PrecisionOptions {
  /**
   * For a matrix: `1` or `-1` (default) works along each row, `0` along each column (NumPy's `axis`),
   * `null` over all entries at once (SciPy's default `axis=None`). A vector takes `0`, `-1` or `null`.
   */
  readonly axis?: 0 | 1 | -1 | null;
}

/** The option keys of a function that takes only {@link PrecisionOptions}. */
export const PRECISION_KEYS: readonly string[] = ['precision'];

/**
 * Refuses unknown option keys (with a did-you-mean), then validates `precision`: true when it asks for
 * float32 emulation.
 */
export function readPrecision(options: unknown, known: readonly string[] = PRECISION_KEYS): boolean {
  checkOptionKeys(options, known);
  return isFloat32(options as PrecisionOptions | undefined);
}
