import { numberFrom } from './_callback.js';
import { checkAgrees, complexFrom, readComplexFunction } from './_complexStep.js';
import { readMethod, readOptions, readStep } from './_diffOptions.js';
import { relativeStep } from './_steps.js';
import { checkFinite, checkFunction, rangeError, typeError } from './_validate.js';
import { Complex } from './complex.js';

/**
 * Finite-difference rule: `central`, `forward`, `backward`, `richardson` (Ridders' extrapolation of
 * central differences) or `complex-step` (`Im f(x + ih) / h`, which needs f over complex numbers).
 */
export type DiffMethod = 'central' | 'forward' | 'backward' | 'richardson' | 'complex-step';

/** Options of {@link numericalDiff} and {@link numericalDiffWithError}. */
export interface NumericalDiffOptions {
  /**
   * Step (absolute). Default for the first derivative: `1e-4` (the notebook's) for `central`, `forward`
   * and `backward`; `√ε·max(1, |x|)` for `complex-step` (SciPy's); for `richardson` it is the first,
   * largest step of the tableau, default `0.1·max(1, |x|)` with automatic retries at smaller steps. For
   * `order` k ≥ 2 the default is (`richardson`: `0.1·max(1, |x|)`, retried smaller only for k ≤ 2) `ε^(1/(k+2))·max(1, |x|)` (central) or `ε^(1/(k+1))·max(1, |x|)`
   * (one-sided), which balances truncation against rounding.
   */
  readonly h?: number;
  /** Default `'central'`. */
  readonly method?: DiffMethod;
  /**
   * Order of the derivative, 1 (default) to 4: `f'`, `f''`, `f'''`, `f⁗`. Not the order of accuracy.
   * `complex-step` gives only the first derivative.
   */
  readonly order?: 1 | 2 | 3 | 4;
  /**
   * For `method: 'complex-step'` (required there, refused otherwise): the same function written over
   * {@link Complex} numbers, e.g. `(z) => z.mul(z).sin()` for `sin(x²)`. It must agree with `f` on the
   * real axis (checked once at `x`) and be analytic near `x`.
   */
  readonly fComplex?: (z: Complex) => Complex;
}

/** A derivative estimate with an estimate of its absolute error. */
export interface DiffEstimate {
  readonly value: number;
  readonly error: number;
}

const METHODS: readonly DiffMethod[] = ['central', 'forward', 'backward', 'richardson', 'complex-step'];
const KEYS = ['h', 'method', 'order', 'fComplex'];

// Ridders' tableau parameters (Numerical Recipes, 3rd ed., §5.7 `dfridr`).
const CON = 1.4;
const CON2 = CON * CON;
const NTAB = 10;
const SAFE = 2;

/** Binomial coefficients C(k, j), k ≤ 4. */
const BINOMIAL = [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1], [1, 4, 6, 4, 1]] as const;

/**
 * The derivative of a scalar function by finite differences, of order 1 (default) to 4.
 *
 * - `central` (default): `(f(x + h) − f(x − h)) / (2h)`, the notebook's `numerical_diff` to the
 *   bit; error `O(h²)` from truncation plus `~ε·|f|/h` from rounding. Higher orders use the central
 *   stencils `[1, −2, 1]/h²`, `[−1, 2, 0, −2, 1]/(2h³)`, `[1, −4, 6, −4, 1]/h⁴` (error `O(h²)`).
 * - `forward`: `(f(x + h) − f(x)) / h`; `backward`: `(f(x) − f(x − h)) / h`; error `O(h)`; order k
 *   uses the k-th forward (backward) difference `Δₕᵏ f(x) / hᵏ`.
 * - `richardson`: Ridders' method — central differences at steps `h, h/1.4, h/1.4², …` (at most
 *   10) extrapolated to `h → 0` in a Neville tableau, keeping the entry with the smallest error
 *   estimate; about 1e-13 relative error on smooth functions at a cost of up to 20 evaluations
 *   (order 1). {@link numericalDiffWithError} also returns that error estimate.
 * - `complex-step`: `Im f(x + ih) / h` with `f` evaluated over complex numbers (`options.fComplex`):
 *   no subtraction, so no cancellation; error `O(h²)` only (first derivative only).
 *
 * @param f - A function of one variable; it must return a number.
 * @param x - The point, finite.
 * @param options - `{ h, method, order, fComplex }`, see {@link NumericalDiffOptions}.
 * @returns The derivative estimate `f⁽ᵏ⁾(x)`.
 * @example
 * ```ts
 * numericalDiff((x) => x ** 2, 3); // 6.000000000012662, as the notebook prints
 * numericalDiff(Math.sin, 1, { method: 'richardson' }); // cos 1 = 0.5403023058681398 to ~1e-15
 * numericalDiff(Math.exp, 0, { order: 2, method: 'richardson' }); // 1 to ~1e-12
 * numericalDiff(Math.sin, 1, { method: 'complex-step', fComplex: (z) => z.sin() }); // cos 1, to the ulp
 * ```
 */
export function numericalDiff(f: (x: number) => number, x: number, options?: NumericalDiffOptions): number {
  const r = read(f, x, options);
  if (r.method === 'richardson') return ridders(r.D, r.h, r.auto).value;
  return r.D(r.h);
}

/**
 * {@link numericalDiff} together with an estimate of its absolute error. The `value` is bit for bit
 * the one {@link numericalDiff} returns for the same options.
 *
 * - `richardson`: Ridders' own error estimate (the difference between the chosen tableau entry and
 *   its neighbours), which tracks the true error within about an order of magnitude.
 * - `central` and `complex-step`: `|D(2h) − D(h)| / 3`, the leading truncation error of `D(h)`
 *   (Richardson's estimate); `forward`/`backward`: `|D(2h) − D(h)|`. These cost more evaluations
 *   and include rounding noise only as far as it shows in that difference.
 *
 * @param f - A function of one variable; it must return a number.
 * @param x - The point, finite.
 * @param options - `{ h, method, order, fComplex }`, see {@link NumericalDiffOptions}.
 * @returns `{ value, error }`.
 * @example
 * ```ts
 * const { value, error } = numericalDiffWithError(Math.exp, 0, { method: 'richardson' });
 * // value ≈ 1 within 1e-15, error ≈ 1e-15
 * ```
 */
export function numericalDiffWithError(
  f: (x: number) => number,
  x: number,
  options?: NumericalDiffOptions,
): DiffEstimate {
  const r = read(f, x, options);
  if (r.method === 'richardson') return ridders(r.D, r.h, r.auto);
  const value = r.D(r.h);
  const coarse = r.D(2 * r.h);
  const even = r.method === 'central' || r.method === 'complex-step';
  return { value, error: Math.abs(coarse - value) / (even ? 3 : 1) };
}

interface Plan {
  readonly method: DiffMethod;
  /** The difference quotient at step `h`. */
  readonly D: (h: number) => number;
  readonly h: number;
  readonly auto: boolean;
}

function read(f: unknown, x: unknown, options: NumericalDiffOptions | undefined): Plan {
  checkFunction('f', f);
  checkFinite('x', x);
  const o = readOptions(options, KEYS);
  const method = readMethod(o.method, METHODS, 'central');
  const order = readOrder(o.order, method);
  const fc = readComplexFunction<(z: Complex) => Complex>('fComplex', o.fComplex, method);
  const g = (t: number): number => numberFrom('f', (f as (x: number) => unknown)(t));
  const given = readStep(o.h);
  const scale = Math.max(1, Math.abs(x));
  let h: number;
  if (given !== undefined) h = given;
  else if (method === 'richardson') h = 0.1 * scale;
  else if (method === 'complex-step') h = relativeStep('complex-step') * scale;
  else if (order === 1) h = 1e-4;
  else h = relativeStep(method === 'central' ? 'central' : 'forward', order) * scale;
  let D: (h: number) => number;
  if (method === 'complex-step') {
    const fz = (z: Complex): Complex => complexFrom('fComplex', fc!(z));
    checkAgrees('fComplex', g(x), fz(new Complex(x, 0)));
    D = (s) => fz(new Complex(x, s)).im / s;
  } else if (method === 'forward' || method === 'backward') {
    D = oneSided(g, x, order, method === 'forward' ? 1 : -1);
  } else {
    D = central(g, x, order);
  }
  // Retrying at 10–1000× smaller steps helps a first derivative (a step too large for the function's
  // scale); from the third derivative on, rounding ε/hᵏ makes those steps useless (D rounds to a
  // constant, and Ridders would report a zero error).
  return { method, D, h, auto: given === undefined && order <= 2 };
}

function readOrder(v: unknown, method: DiffMethod): 1 | 2 | 3 | 4 {
  if (v === undefined) return 1;
  if (typeof v !== 'number') throw typeError('order', v, 'expected 1, 2, 3 or 4');
  if (v !== 1 && v !== 2 && v !== 3 && v !== 4) throw rangeError('order', v, 'expected 1, 2, 3 or 4');
  if (v !== 1 && method === 'complex-step') {
    throw rangeError('order', v, "method 'complex-step' gives only the first derivative");
  }
  return v;
}

/** The central stencil of order k at step h (order 1: the notebook's `numerical_diff`). */
function central(f: (x: number) => number, x: number, order: number): (h: number) => number {
  switch (order) {
    case 1:
      return (h) => (f(x + h) - f(x - h)) / (2 * h);
    case 2:
      return (h) => (f(x + h) - 2 * f(x) + f(x - h)) / (h * h);
    case 3:
      return (h) => (f(x + 2 * h) - 2 * f(x + h) + 2 * f(x - h) - f(x - 2 * h)) / (2 * h * h * h);
    default:
      return (h) => (f(x + 2 * h) - 4 * f(x + h) + 6 * f(x) - 4 * f(x - h) + f(x - 2 * h)) / (h * h * h * h);
  }
}

/**
 * The k-th forward (`dir = 1`) or backward (`dir = −1`) difference quotient. Order 1 keeps the
 * historical operation order: `(f(x + h) − f(x)) / h` and `(f(x) − f(x − h)) / h`.
 */
function oneSided(f: (x: number) => number, x: number, order: number, dir: 1 | -1): (h: number) => number {
  if (order === 1) return dir === 1 ? (h) => (f(x + h) - f(x)) / h : (h) => (f(x) - f(x - h)) / h;
  const c = BINOMIAL[order]!;
  return (h) => {
    let s = 0;
    for (let j = 0; j <= order; j++) {
      const term = c[j]! * f(x + dir * j * h);
      s += (order - j) % 2 === 0 ? term : -term;
    }
    return dir === 1 || order % 2 === 0 ? s / h ** order : -s / h ** order;
  };
}

/**
 * Ridders from the first step `h`; with `auto` (a default step) it retries from `h/10`, `h/100`,
 * `h/1000` while the error estimate exceeds `1e-10·max(1, |D|)` (the step was too large for the
 * function's scale, e.g. `sin` far from 0) and returns the estimate with the smallest error.
 */
function ridders(D: (h: number) => number, h: number, auto: boolean): DiffEstimate {
  let best = ridders1(D, h);
  if (!auto) return best;
  for (let k = 1; k < 4 && !(best.error <= 1e-10 * Math.max(1, Math.abs(best.value))); k++) {
    const next = ridders1(D, h / 10 ** k);
    if (next.error < best.error || Number.isNaN(best.value)) best = next;
  }
  return best;
}

/** Ridders' extrapolation of a symmetric difference quotient (Numerical Recipes §5.7, `dfridr`). */
function ridders1(D: (h: number) => number, h: number): DiffEstimate {
  // prev[j] is tableau entry (j, i − 1), cur[j] entry (j, i): row j = j Richardson steps.
  let prev = new Float64Array(NTAB);
  let cur = new Float64Array(NTAB);
  let hh = h;
  prev[0] = D(hh);
  let value = prev[0];
  let error = Number.POSITIVE_INFINITY;
  for (let i = 1; i < NTAB; i++) {
    hh /= CON;
    cur[0] = D(hh);
    let fac = CON2;
    for (let j = 1; j <= i; j++) {
      cur[j] = (cur[j - 1]! * fac - prev[j - 1]!) / (fac - 1);
      fac *= CON2;
      const errt = Math.max(Math.abs(cur[j]! - cur[j - 1]!), Math.abs(cur[j]! - prev[j - 1]!));
      if (errt <= error) {
        error = errt;
        value = cur[j]!;
      }
    }
    // Stop when the highest-order entry grows worse than the best estimate by a factor SAFE.
    if (Math.abs(cur[i]! - prev[i - 1]!) >= SAFE * error) break;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return { value, error };
}
