import { rangeError, typeError } from './_validate.js';

/**
 * The error for a callback that returned something other than a number: an `ArgumentTypeError` with
 * `option` the callback's name (`f`) and `value` what it returned.
 */
export function notANumber(name: string, value: unknown): TypeError {
  return typeError(name, value, `${name}(x) must return a number`);
}

/** Returns `v` if it is a number (NaN and ±Infinity included), else throws {@link notANumber}. */
export function numberFrom(name: string, v: unknown): number {
  if (typeof v !== 'number') throw notANumber(name, v);
  return v;
}

/** Checks that every entry of `x` is finite, naming the first bad one `name[i]`. */
export function checkFiniteEntries(name: string, x: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) throw rangeErrorAt(`${name}[${i}]`, v);
  }
}

function rangeErrorAt(name: string, v: number): RangeError {
  return rangeError(name, v, 'expected a finite number');
}
