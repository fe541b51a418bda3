import { checkFiniteEntries, numberFrom } from './_callback.js';
import { centralGradient } from './_centralGradient.js';
import { checkAgrees, complexFrom, readComplexFunction } from './_complexStep.js';
import { readMethod, readOptions, readStep } from './_diffOptions.js';
import { riddersVector, riddersVectorAuto } from './_ridders.js';
import { readSteps, type StepPlan, type Steps, stepAt } from './_steps.js';
import { rangeError } from './_validate.js';
import { Complex } from './complex.js';
import type { DiffMethod } from './numericalDiff.js';

/** Options of `numericalGradient`, `numericalGradientWithError` and `numericalGradientBatch`. */
export interface NumericalGradientOptions {
  /**
   * Absolute step, finite and > 0, the same for every coordinate. For `central` (and by default) it is
   * the notebook's: `1e-4`, divided as `2h` (see `numericalGradient`). For the other methods it acts as
   * SciPy's `abs_step`; for `richardson` it is the first step of the tableau.
   */
  readonly h?: number;
  /** `'central'` (default), `'forward'`, `'backward'`, `'richardson'` or `'complex-step'`. */
  readonly method?: DiffMethod;
  /**
   * SciPy's `abs_step`: one absolute step, or one per coordinate (finite, non-zero). A negative step
   * reverses a one-sided difference (SciPy gh-12487); a step that vanishes in `(xᵢ + h) − xᵢ` falls back
   * to the default relative step. Not together with `h` or `relStep`.
   */
  readonly absStep?: Steps;
  /**
   * SciPy's `rel_step`: the step is `relStep·sign(xᵢ)·|xᵢ|` (falling back to the default where that
   * vanishes, e.g. at `xᵢ = 0`). One number or one per coordinate. Not with `h`, `absStep` or `richardson`.
   */
  readonly relStep?: Steps;
  /**
   * For `method: 'complex-step'` (required there, refused otherwise): `f` written over {@link Complex}
   * numbers. It receives one `Complex` per coordinate and must agree with `f` on real points.
   */
  readonly fComplex?: (z: readonly Complex[]) => Complex;
}

const METHODS: readonly DiffMethod[] = ['central', 'forward', 'backward', 'richardson', 'complex-step'];
const KEYS = ['h', 'method', 'absStep', 'relStep', 'fComplex'];

/** Validated gradient options. */
export interface GradientPlan {
  readonly method: DiffMethod;
  readonly h: number | undefined;
  readonly steps: StepPlan;
  readonly fc: ((z: readonly Complex[]) => Complex) | undefined;
}

/** Validates the options of a gradient of `n` variables. */
export function readGradientOptions(options: NumericalGradientOptions | undefined, n: number): GradientPlan {
  const o = readOptions(options, KEYS);
  const method = readMethod(o.method, METHODS, 'central');
  const h = readStep(o.h);
  const abs = readSteps('absStep', o.absStep, n);
  const rel = readSteps('relStep', o.relStep, n);
  if (h !== undefined && (abs || rel))
    throw rangeError(abs ? 'absStep' : 'relStep', o.absStep ?? o.relStep, 'give either h or it, not both');
  if (abs && rel) throw rangeError('relStep', o.relStep, 'give either absStep or relStep, not both');
  if (rel && method === 'richardson')
    throw rangeError('relStep', o.relStep, "not used by method 'richardson' (give h or absStep)");
  const fc = readComplexFunction<(z: readonly Complex[]) => Complex>('fComplex', o.fComplex, method);
  return { method, h, steps: { abs: h !== undefined ? new Float64Array(n).fill(h) : abs, rel }, fc };
}

/** Wraps `f` so that a non-number return is a TypeError naming f. */
export function checkedF(f: (x: Float64Array) => number): (x: Float64Array) => number {
  return (v) => numberFrom('f', (f as (x: Float64Array) => unknown)(v));
}

/**
 * The gradient of `f` at `w` (a work array, perturbed and restored) by the planned method, into `out`;
 * with `err`, also an error estimate per coordinate. `f` must already be checked ({@link checkedF}).
 */
export function gradientInto(
  f: (x: Float64Array) => number,
  w: Float64Array,
  out: Float64Array,
  p: GradientPlan,
  err?: Float64Array,
): void {
  const n = w.length;
  const { method, steps } = p;
  if (method === 'central' && !steps.rel && (p.h !== undefined || !steps.abs)) {
    // The notebook's loop (absolute h, divided as 2h); the error from the step doubled.
    const h = p.h ?? 1e-4;
    centralGradient(f, w, out, h);
    if (err) {
      centralGradient(f, w, err, 2 * h);
      for (let i = 0; i < n; i++) err[i] = Math.abs(err[i]! - out[i]!) / 3;
    }
    return;
  }
  if (method === 'complex-step') {
    complexStepGradient(f, p.fc!, w, out, steps, err);
    return;
  }
  const q = new Float64Array(1);
  const e = new Float64Array(1);
  const f0 = method === 'forward' || method === 'backward' ? f(w) : 0;
  for (let i = 0; i < n; i++) {
    const xi = w[i]!;
    const at = (s: number): number => {
      w[i] = xi + s;
      const xp = w[i]!;
      const fp = f(w);
      if (method === 'forward' || method === 'backward') {
        w[i] = xi;
        return (fp - f0) / (xp - xi);
      }
      w[i] = xi - s;
      const xm = w[i]!;
      const fm = f(w);
      w[i] = xi;
      return (fp - fm) / (xp - xm);
    };
    if (method === 'richardson') {
      const h0 = steps.abs ? Math.abs(steps.abs[i]!) : 0.1 * Math.max(1, Math.abs(xi));
      const D = (s: number, o: Float64Array): void => {
        o[0] = at(s);
      };
      if (steps.abs) riddersVector(D, 1, h0, q, e);
      else riddersVectorAuto(D, 1, h0, q, e);
      out[i] = q[0]!;
      if (err) err[i] = e[0]!;
      continue;
    }
    const s = method === 'central' ? Math.abs(stepAt(steps, 'central', xi, i)) : stepAt(steps, method, xi, i);
    out[i] = at(s);
    if (err) err[i] = Math.abs(at(2 * s) - out[i]!) / (method === 'central' ? 3 : 1);
  }
}

/** `gᵢ = Im f(x + i·hᵢ·eᵢ) / hᵢ` over complex numbers, with SciPy's `cs` steps. */
function complexStepGradient(
  f: (x: Float64Array) => number,
  fc: (z: readonly Complex[]) => Complex,
  w: Float64Array,
  out: Float64Array,
  steps: StepPlan,
  err?: Float64Array,
): void {
  const n = w.length;
  const z = Array.from(w, (v) => new Complex(v, 0));
  const fz = (): Complex => complexFrom('fComplex', fc(z));
  checkAgrees('fComplex', f(w), fz());
  for (let i = 0; i < n; i++) {
    const xi = w[i]!;
    const s = stepAt(steps, 'complex-step', xi, i);
    const at = (t: number): number => {
      z[i] = new Complex(xi, t);
      const v = fz().im / t;
      z[i] = new Complex(xi, 0);
      return v;
    };
    out[i] = at(s);
    if (err) err[i] = Math.abs(at(2 * s) - out[i]!) / 3;
  }
}

/** Validates a point: a non-empty vector of finite numbers; returns a work copy. */
export function readPoint(x: ArrayLike<number>): Float64Array {
  checkFiniteEntries('x', x);
  return Float64Array.from(x);
}
