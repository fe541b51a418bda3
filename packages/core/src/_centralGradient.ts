import { notANumber } from './_callback.js';

/**
 * The notebook's `numerical_gradient` loop, unvalidated: perturbs `x` in place, one coordinate at
 * a time, and restores it bit for bit (also when `f` throws). Writes into `out`; allocates nothing.
 */
export function centralGradient(
  f: (x: Float64Array) => number,
  x: Float64Array,
  out: Float64Array,
  h: number,
): Float64Array {
  const n = x.length;
  let i = 0;
  let tmp = 0;
  try {
    for (; i < n; i++) {
      tmp = x[i]!;
      x[i] = tmp + h;
      const fxh1 = f(x);
      if (typeof fxh1 !== 'number') throw notANumber('f', fxh1);
      x[i] = tmp - h;
      const fxh2 = f(x);
      if (typeof fxh2 !== 'number') throw notANumber('f', fxh2);
      out[i] = (fxh1 - fxh2) / (2 * h);
      x[i] = tmp;
    }
  } finally {
    if (i < n) x[i] = tmp;
  }
  return out;
}
