import { checkFunction, rangeError, typeError } from './_validate.js';
import { Complex } from './complex.js';

/** Reads a complex result: a {@link Complex} or any `{ re, im }` of numbers. */
export function complexFrom(name: string, v: unknown): Complex {
  if (v instanceof Complex) return v;
  if (
    v !== null &&
    typeof v === 'object' &&
    typeof (v as Complex).re === 'number' &&
    typeof (v as Complex).im === 'number'
  ) {
    return new Complex((v as Complex).re, (v as Complex).im);
  }
  throw typeError(name, v, `${name}(z) must return a Complex`);
}

/** Checks the `fComplex` option is present and a function when the method is `complex-step`. */
export function readComplexFunction<F>(name: string, v: unknown, method: string): F | undefined {
  if (method !== 'complex-step') {
    if (v !== undefined) throw rangeError(name, v, "only used with method 'complex-step'");
    return undefined;
  }
  if (v === undefined) {
    throw typeError(name, v, `method 'complex-step' needs ${name}, f written over Complex numbers`);
  }
  checkFunction(name, v);
  return v as F;
}

/**
 * Checks that the complex version of `f` agrees with `f` on the real point (`fComplex` at `x + 0i`):
 * a mismatch means the two were written differently, and the complex step would silently differentiate
 * another function.
 */
export function checkAgrees(name: string, real: number, viaComplex: Complex): void {
  const tol = 1e-8 * Math.max(1, Math.abs(real));
  if (!(Math.abs(viaComplex.re - real) <= tol) && !(Number.isNaN(real) && Number.isNaN(viaComplex.re))) {
    throw rangeError(name, viaComplex.re, `${name}(x + 0i) differs from f(x) = ${real}`);
  }
}
