import { checkFiniteEntries, numberFrom } from './_callback.js';
import { checkAgrees, complexFrom, readComplexFunction } from './_complexStep.js';
import { readMethod, readOptions, readStep } from './_diffOptions.js';
import type { Matrix } from './_matrix.js';
import { riddersVector, riddersVectorAuto } from './_ridders.js';
import { relativeStep } from './_steps.js';
import { checkFunction, checkVector } from './_validate.js';
import { Complex } from './complex.js';
import type { DiffMethod } from './numericalDiff.js';

/** Options of {@link hessian} and {@link hessianWithError}. */
export interface HessianOptions {
  /**
   * Step (absolute, the same for every coordinate). Default: `hᵢ = 1e-4·max(1, |xᵢ|)` for `central`,
   * near the `ε^(1/4)` that balances the `O(h²)` truncation error against the `~ε·|f|/h²` rounding
   * error; `ε^(1/3)·max(1, |xᵢ|)` for `forward`, `backward` and `complex-step`; for `richardson` the
   * first step of the tableau, default `0.1·max(1, |xᵢ|)`.
   */
  readonly h?: number;
  /** `'central'` (default), `'forward'`, `'backward'`, `'richardson'` or `'complex-step'`. */
  readonly method?: DiffMethod;
  /** For `method: 'complex-step'` (required there, refused otherwise): `f` over {@link Complex} numbers. */
  readonly fComplex?: (z: readonly Complex[]) => Complex;
}

/** A Hessian estimate with an estimate of the absolute error of each entry. */
export interface HessianEstimate {
  readonly value: Matrix;
  readonly error: Matrix;
}

const METHODS: readonly DiffMethod[] = ['central', 'forward', 'backward', 'richardson', 'complex-step'];
const KEYS = ['h', 'method', 'fComplex'];

/**
 * The Hessian of `f: ℝⁿ → ℝ` by finite differences, exactly symmetric.
 *
 * - `central` (default): `Hᵢᵢ = 2·[(f(x + hᵢ⁺eᵢ) − f(x))/hᵢ⁺ − (f(x) − f(x − hᵢ⁻eᵢ))/hᵢ⁻] / (hᵢ⁺ + hᵢ⁻)`
 *   and, for `i < j`, `Hᵢⱼ = [f(+,+) − f(+,−) − f(−,+) + f(−,−)] / ((hᵢ⁺ + hᵢ⁻)(hⱼ⁺ + hⱼ⁻))`, where
 *   `hᵢ⁺`, `hᵢ⁻` are the steps actually taken after rounding `xᵢ ± hᵢ`. `1 + 2n + 2n(n − 1)`
 *   evaluations; error `O(h²)` plus rounding `~ε·|f|/h²` (about `1e-8·|f|/x²` with the default step).
 * - `forward` / `backward`: `[f(x + hᵢeᵢ + hⱼeⱼ) − f(x + hᵢeᵢ) − f(x + hⱼeⱼ) + f(x)] / (hᵢhⱼ)` with
 *   `h` positive (negative), error `O(h)`.
 * - `richardson`: Ridders' extrapolation of the central Hessian over the steps `h, h/1.4, …`, each
 *   entry keeping its best value (numdifftools-style); {@link hessianWithError} returns the estimates.
 * - `complex-step`: `Hᵢⱼ = Im[f(x + ihᵢeᵢ + hⱼeⱼ) − f(x + ihᵢeᵢ − hⱼeⱼ)] / (2hᵢhⱼ)` (Lai and Crassidis,
 *   as numdifftools' `complex`), with `options.fComplex`; error `O(h²)` and no `1/h²` rounding.
 *
 * @param f - The objective; it must return a number. It receives a `Float64Array` work copy (perturbed
 *   in place between calls).
 * @param x - The point, non-empty, finite entries.
 * @param options - `{ h, method, fComplex }`, see {@link HessianOptions}.
 * @returns A new row-major, symmetric `n × n` {@link Matrix}.
 * @example
 * ```ts
 * // f(x, y) = x²y + y³ → H = [[2y, 2x], [2x, 6y]]
 * hessian((v) => v[0]! ** 2 * v[1]! + v[1]! ** 3, [1, 2]).data; // ≈ [4, 2, 2, 12]
 * ```
 */
export function hessian(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: HessianOptions,
): Matrix {
  return compute(f, x, options, false).value;
}

/**
 * {@link hessian} with an estimate of the absolute error of each entry: Ridders' estimate for
 * `richardson`, otherwise `|H(2h) − H(h)|/3` (central, complex-step) or `|H(2h) − H(h)|` (one-sided).
 * `value` is bit for bit what {@link hessian} returns for the same options.
 *
 * @param f - The objective; it must return a number.
 * @param x - The point, non-empty, finite entries.
 * @param options - As {@link hessian}.
 * @returns `{ value, error }`, two `n × n` matrices.
 * @example
 * ```ts
 * const { value } = hessianWithError((v) => Math.cos(v[0]! - v[1]!), [0, 0], { method: 'richardson' });
 * value.data; // ≈ [-1, 1, 1, -1] within 1e-12
 * ```
 */
export function hessianWithError(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: HessianOptions,
): HessianEstimate {
  const r = compute(f, x, options, true);
  return { value: r.value, error: r.error! };
}

function compute(
  f0fn: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options: HessianOptions | undefined,
  withError: boolean,
): { value: Matrix; error: Matrix | undefined } {
  checkFunction('f', f0fn);
  checkVector('x', x);
  checkFiniteEntries('x', x);
  const o = readOptions(options, KEYS);
  const method = readMethod(o.method, METHODS, 'central');
  const h = readStep(o.h);
  const fc = readComplexFunction<(z: readonly Complex[]) => Complex>('fComplex', o.fComplex, method);
  const f = (v: Float64Array): number => numberFrom('f', (f0fn as (x: Float64Array) => unknown)(v));
  const n = x.length;
  const w = Float64Array.from(x);
  const base = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const scale = Math.max(1, Math.abs(w[i]!));
    if (h !== undefined) base[i] = h;
    else if (method === 'central') base[i] = 1e-4 * scale;
    else if (method === 'richardson') base[i] = scale;
    else base[i] = relativeStep('central') * scale;
  }
  const fx = f(w);
  let D: (s: number, out: Float64Array) => void;
  if (method === 'complex-step') {
    const z = Array.from(w, (v) => new Complex(v, 0));
    checkAgrees('fComplex', fx, complexFrom('fComplex', fc!(z)));
    D = (s, out) => complexHessian(fc!, w, z, base, s, out);
  } else if (method === 'forward' || method === 'backward') {
    const dir = method === 'forward' ? 1 : -1;
    D = (s, out) => oneSidedHessian(f, w, fx, base, dir * s, out);
  } else {
    D = (s, out) => centralHessian(f, w, fx, base, s, out);
  }
  const H = new Float64Array(n * n);
  let E: Float64Array | undefined;
  if (method === 'richardson') {
    E = new Float64Array(n * n);
    const s0 = h !== undefined ? 1 : 0.1;
    if (h !== undefined) riddersVector(D, n * n, s0, H, E);
    else riddersVectorAuto(D, n * n, s0, H, E);
    symmetrise(H, n);
    symmetrise(E, n);
  } else {
    D(1, H);
    if (withError) {
      E = new Float64Array(n * n);
      D(2, E);
      const c = method === 'central' || method === 'complex-step' ? 3 : 1;
      for (let k = 0; k < n * n; k++) E[k] = Math.abs(E[k]! - H[k]!) / c;
    }
  }
  return {
    value: { rows: n, cols: n, data: H },
    error: withError && E ? { rows: n, cols: n, data: E } : undefined,
  };
}

/** Makes `H` exactly symmetric by averaging the two triangles (Ridders picks entries separately). */
function symmetrise(H: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = H[i * n + j]!;
      const b = H[j * n + i]!;
      const v = a === b ? a : 0.5 * a + 0.5 * b;
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
}

/** The central second differences with steps `s·baseᵢ`, written with the steps actually taken. */
function centralHessian(
  f: (x: Float64Array) => number,
  w: Float64Array,
  f0: number,
  base: Float64Array,
  s: number,
  H: Float64Array,
): void {
  const n = w.length;
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const hi = s === 1 ? base[i]! : s * base[i]!;
    up[i] = w[i]! + hi;
    down[i] = w[i]! - hi;
  }
  for (let i = 0; i < n; i++) {
    const xi = w[i]!;
    const hp = up[i]! - xi;
    const hm = xi - down[i]!;
    w[i] = up[i]!;
    const fp = f(w);
    w[i] = down[i]!;
    const fm = f(w);
    H[i * n + i] = (2 * ((fp - f0) / hp - (f0 - fm) / hm)) / (hp + hm);
    for (let j = i + 1; j < n; j++) {
      const xj = w[j]!;
      w[i] = up[i]!;
      w[j] = up[j]!;
      const fpp = f(w);
      w[j] = down[j]!;
      const fpm = f(w);
      w[i] = down[i]!;
      const fmm = f(w);
      w[j] = up[j]!;
      const fmp = f(w);
      w[j] = xj;
      H[i * n + j] = H[j * n + i] = (fpp - fpm - fmp + fmm) / ((hp + hm) * (up[j]! - down[j]!));
    }
    w[i] = xi;
  }
}

/** Forward (`s > 0`) or backward (`s < 0`) second differences with steps `s·baseᵢ`. */
function oneSidedHessian(
  f: (x: Float64Array) => number,
  w: Float64Array,
  f0: number,
  base: Float64Array,
  s: number,
  H: Float64Array,
): void {
  const n = w.length;
  const step = new Float64Array(n);
  const fi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = w[i]!;
    w[i] = xi + s * base[i]!;
    step[i] = w[i]! - xi;
    fi[i] = f(w);
    w[i] = xi;
  }
  for (let i = 0; i < n; i++) {
    const xi = w[i]!;
    for (let j = i; j < n; j++) {
      const xj = w[j]!;
      w[i] = xi + step[i]!;
      w[j] = (i === j ? w[i]! : xj) + step[j]!;
      const fij = f(w);
      w[j] = xj;
      w[i] = xi;
      H[i * n + j] = H[j * n + i] = (fij - fi[i]! - fi[j]! + f0) / (step[i]! * step[j]!);
    }
  }
}

/** `Hᵢⱼ = Im[f(x + ihᵢeᵢ + hⱼeⱼ) − f(x + ihᵢeᵢ − hⱼeⱼ)] / (2hᵢhⱼ)` with steps `s·baseᵢ`. */
function complexHessian(
  fc: (z: readonly Complex[]) => Complex,
  w: Float64Array,
  z: Complex[],
  base: Float64Array,
  s: number,
  H: Float64Array,
): void {
  const n = w.length;
  for (let i = 0; i < n; i++) {
    const hi = s * base[i]!;
    for (let j = i; j < n; j++) {
      const hj = s * base[j]!;
      const xj = w[j]!;
      z[i] = new Complex(w[i]!, hi);
      z[j] = i === j ? new Complex(xj + hj, hi) : new Complex(xj + hj, 0);
      const a = complexFrom('fComplex', fc(z)).im;
      z[j] = i === j ? new Complex(xj - hj, hi) : new Complex(xj - hj, 0);
      const b = complexFrom('fComplex', fc(z)).im;
      z[j] = new Complex(xj, 0);
      z[i] = new Complex(w[i]!, 0);
      H[i * n + j] = H[j * n + i] = (a - b) / (2 * hi * hj);
    }
  }
}
