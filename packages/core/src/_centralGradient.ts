import { notANumber } from './_callback.js';

const SQRT_EPS = Math.sqrt(Number.EPSILON);
const CBRT_EPS = Math.cbrt(Number.EPSILON);

/**
 * The notebook's `numerical_gradient` loop, unvalidated: perturbs `x` in place, one coordinate at
 * a time, and restores it bit for bit (also when `f` throws). Writes into `out`; allocates nothing.
 *
 * The quotient is the notebook's `(f₊ − f₋) / (2h)` whenever the step actually taken,
 * `d = (xᵢ + h) − (xᵢ − h)`, equals `2h` to within `√ε` relative (always for `|xᵢ| ≲ 1e4·h/1e-4`), so
 * those bits are NumPy's. Otherwise it divides by `d`; and where the step is lost entirely
 * (`d = 0`, e.g. `xᵢ = 1e300`) it takes SciPy's relative central step `ε^(1/3)·max(1, |xᵢ|)` instead.
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
      let hi = tmp + h;
      let lo = tmp - h;
      let d = hi - lo;
      if (d === 0) {
        const s = CBRT_EPS * Math.max(1, Math.abs(tmp));
        hi = tmp + s;
        lo = tmp - s;
        d = hi - lo;
      }
      x[i] = hi;
      const fxh1 = f(x);
      if (typeof fxh1 !== 'number') throw notANumber('f', fxh1);
      x[i] = lo;
      const fxh2 = f(x);
      if (typeof fxh2 !== 'number') throw notANumber('f', fxh2);
      out[i] = Math.abs(d - 2 * h) <= SQRT_EPS * 2 * h ? (fxh1 - fxh2) / (2 * h) : (fxh1 - fxh2) / d;
      x[i] = tmp;
    }
  } finally {
    if (i < n) x[i] = tmp;
  }
  return out;
}
