import { notANumber } from './_callback.js';

const SQRT_EPS = Math.sqrt(Number.EPSILON);
const CBRT_EPS = Math.cbrt(Number.EPSILON);

/**
 * The notebook's `numerical_gradient` loop, unvalidated: perturbs `x` in place, one coordinate at
 * a time, and restores it bit for bit (also when `f` throws). Writes into `out`; allocates nothing.
 *
 * The quotient is the notebook's `(f₊ − f₋) / (2h)` whenever the step actually taken,
 * `d = (xᵢ + h) − (xᵢ − h)`, equals `2h` to within `√ε` relative (always for `|xᵢ| ≲ 1e4·h/1e-4`), so
 * those bits are NumPy's. Otherwise ({@link offStep}) it divides by `d`; and where the step is lost
 * entirely (`d = 0`, e.g. `xᵢ = 1e300`) it takes SciPy's relative central step `ε^(1/3)·max(1, |xᵢ|)`.
 */
export function centralGradient(
  f: (x: Float64Array) => number,
  x: Float64Array,
  out: Float64Array,
  h: number,
): Float64Array {
  const n = x.length;
  const twoH = 2 * h;
  const tol = SQRT_EPS * twoH;
  let i = 0;
  let tmp = 0;
  try {
    for (; i < n; i++) {
      tmp = x[i]!;
      const hi = tmp + h;
      const lo = tmp - h;
      const e = hi - lo - twoH;
      if (e <= tol && e >= -tol) {
        x[i] = hi;
        const fxh1 = f(x);
        x[i] = lo;
        const fxh2 = f(x);
        if (typeof fxh1 !== 'number') throw notANumber('f', fxh1);
        if (typeof fxh2 !== 'number') throw notANumber('f', fxh2);
        out[i] = (fxh1 - fxh2) / twoH;
      } else {
        out[i] = offStep(f, x, i, tmp, h);
      }
      x[i] = tmp;
    }
  } finally {
    if (i < n) x[i] = tmp;
  }
  return out;
}

/** Coordinate `i` when `xᵢ ± h` does not represent the step `2h`: divide by the step taken. */
function offStep(f: (x: Float64Array) => number, x: Float64Array, i: number, tmp: number, h: number): number {
  let hi = tmp + h;
  let lo = tmp - h;
  if (hi - lo === 0) {
    const s = CBRT_EPS * Math.max(1, Math.abs(tmp));
    hi = tmp + s;
    lo = tmp - s;
  }
  x[i] = hi;
  const fxh1 = f(x);
  x[i] = lo;
  const fxh2 = f(x);
  if (typeof fxh1 !== 'number') throw notANumber('f', fxh1);
  if (typeof fxh2 !== 'number') throw notANumber('f', fxh2);
  return (fxh1 - fxh2) / (hi - lo);
}
