import { numericalGradientInto } from '@numcomp/core';
import { type BoundSearch, bindSearch, DescentState, SEARCH_DEFAULTS } from './_descent.js';
import { copyGradient, Evaluator, notANumber } from './_evaluator.js';
import {
  CHECK_EVERY,
  divergenceBound,
  finiteNorm,
  fStatus,
  RuleStepper,
  runFirstOrder,
  type Stepper,
} from './_firstOrder.js';
import { type Resolved, resolveOptions } from './_options.js';
import { buildResult, MAXFEV_MESSAGE } from './_result.js';
import { sgdUpdate } from './_updates.js';
import { LineFunction } from './lineSearch/_lineFunction.js';
import type { LineSearchResult } from './lineSearch/types.js';
import type { MinimizeOptions, OptimizeResult, Problem, Status } from './types.js';

/** x ← x − α∇f(x) with α from a line search along d = −∇f(x) (the learning rate is not used). */
class SearchedStep implements Stepper {
  private readonly d: Float64Array;
  private readonly lf: LineFunction;
  private readonly out: LineSearchResult = { alpha: 0, phi: 0, dphi: 0, nfev: 0, ngev: 0, ok: false };
  /** φ(0), φ'(0) and the first trial step 1 of each search. */
  private readonly st = new DescentState();
  /** f at the current x when known (the previous search's φ(α)); NaN otherwise. */
  private fx = Number.NaN;

  constructor(
    private readonly ev: Evaluator,
    private readonly search: BoundSearch,
    n: number,
  ) {
    this.d = new Float64Array(n);
    this.lf = new LineFunction(ev, n);
  }

  step(x: Float64Array, g: Float64Array): boolean {
    const { d, lf } = this;
    let dphi0 = 0;
    for (let i = 0; i < x.length; i++) {
      d[i] = -g[i]!;
      dphi0 -= g[i]! * g[i]!;
    }
    const st = this.st;
    st.fx = Number.isNaN(this.fx) ? this.ev.f(x) : this.fx;
    st.slope = dphi0;
    st.a0 = 1;
    lf.reset(x, d);
    const r = this.search(lf.phi, lf.dphi, st, this.out);
    if (!(r.alpha > 0)) return false;
    for (let i = 0; i < x.length; i++) x[i] = x[i]! + r.alpha * d[i]!;
    this.fx = r.phi;
    return true;
  }
}

/** Where a specialised loop ended. */
interface LoopEnd {
  status: Status;
  nit: number;
  nfev: number;
  ngev: number;
  /** f(x) at the final x when `funKnown` (it was evaluated and counted there). */
  fun: number;
  funKnown: boolean;
  /** The run ended because nfev reached maxfev. */
  spent: boolean;
}

/**
 * The common case with the numerical gradient, specialised: fixed learning rate, no line search, no
 * callback, no recording. The notebook's central differences (as core's `numericalGradientInto`, bit
 * for bit) are fused with the norm and finiteness checks so that each step is one pass over x for the
 * gradient and one for the update, allocation-free. Same statuses and counts as {@link runFirstOrder}.
 */
function numericalLoop(
  f: (x: Float64Array) => number,
  x: Float64Array,
  g: Float64Array,
  lr: number,
  tol: number,
  maxIter: number,
  maxfev: number,
  h: number,
  bound: number,
): LoopEnd {
  const n = x.length;
  const mask = CHECK_EVERY - 1; // a local: under vitest an imported binding is a getter call per use
  const h2 = 2 * h;
  const tolStep = Math.sqrt(Number.EPSILON) * h2;
  let nfev = 0;
  let spent = false;
  let ngev = 0;
  let fun = Number.NaN;
  let funAt = -1;
  let gs = 0;
  for (let i = 0; i < n; i++) gs += g[i]! * g[i]!;
  let k = 0;
  let status: Status;
  for (;;) {
    if (Math.sqrt(gs) <= tol) {
      status = 'converged';
      break;
    }
    if (k >= maxIter) {
      status = 'max-iter';
      break;
    }
    if (nfev >= maxfev) {
      status = 'max-iter';
      spent = true;
      break;
    }
    // x ← x − η g (the notebook's `x -= lr * grad`), watching for no change and for non-finite x.
    let changed = false;
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const xn = xi - lr * g[i]!;
      x[i] = xn;
      bad += xn - xn;
      if (xn !== xi) changed = true;
    }
    if (!changed) {
      status = 'stalled';
      break;
    }
    k++;
    if (bad !== 0) {
      status = 'diverged';
      break;
    }
    // The notebook's numerical_gradient: perturb x[i] in place, difference, restore. Where the step
    // actually taken, (xᵢ + h) − (xᵢ − h), is not 2h to √ε relative (|xᵢ| ≫ 1e4·h), core's kernel decides
    // instead, so both paths give the same bits as core's numericalGradientInto.
    ngev++;
    nfev += 2 * n;
    gs = 0;
    for (let i = 0; i < n; i++) {
      const t = x[i]!;
      const hi = t + h;
      const lo = t - h;
      if (!(Math.abs(hi - lo - h2) <= tolStep)) {
        nfev += 2 * i; // core evaluates the whole gradient again
        numericalGradientInto(f, x, g, h);
        gs = 0;
        for (let j = 0; j < n; j++) {
          const v = g[j]!;
          gs += v * v;
          bad += v - v;
        }
        break;
      }
      x[i] = hi;
      const f1 = f(x);
      x[i] = lo;
      const f2 = f(x);
      x[i] = t;
      if (typeof f1 !== 'number' || typeof f2 !== 'number')
        throw notANumber(typeof f1 !== 'number' ? f1 : f2);
      const v = (f1 - f2) / h2;
      g[i] = v;
      gs += v * v;
      bad += v - v;
    }
    if (bad !== 0 || (k & mask) === 0) {
      // ∇f not finite (then f decides between 'diverged' and 'non-finite'), or the periodic f check.
      nfev++;
      fun = f(x);
      funAt = k;
      if (typeof fun !== 'number') throw notANumber(fun);
      const st = fStatus(fun, bound);
      if (st !== undefined || bad !== 0) {
        status = st ?? 'non-finite';
        break;
      }
    }
  }
  return { status, nit: k, nfev, ngev, fun, funKnown: funAt === k, spent };
}

/** {@link numericalLoop} with the analytic gradient. */
function analyticLoop(
  f: (x: Float64Array) => number,
  grad: (x: Float64Array, out?: Float64Array) => Float64Array,
  x: Float64Array,
  g: Float64Array,
  lr: number,
  tol: number,
  maxIter: number,
  maxfev: number,
  bound: number,
): LoopEnd {
  const n = x.length;
  const mask = CHECK_EVERY - 1;
  let nfev = 0;
  let spent = false;
  let ngev = 0;
  let fun = Number.NaN;
  let funAt = -1;
  let gs = 0;
  for (let i = 0; i < n; i++) gs += g[i]! * g[i]!;
  let k = 0;
  let status: Status;
  for (;;) {
    if (Math.sqrt(gs) <= tol) {
      status = 'converged';
      break;
    }
    if (k >= maxIter) {
      status = 'max-iter';
      break;
    }
    if (nfev >= maxfev) {
      status = 'max-iter';
      spent = true;
      break;
    }
    let changed = false;
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const xn = xi - lr * g[i]!;
      x[i] = xn;
      bad += xn - xn;
      if (xn !== xi) changed = true;
    }
    if (!changed) {
      status = 'stalled';
      break;
    }
    k++;
    if (bad !== 0) {
      status = 'diverged';
      break;
    }
    ngev++;
    copyGradient(grad(x, g), g);
    gs = 0;
    for (let i = 0; i < n; i++) {
      const v = g[i]!;
      gs += v * v;
      bad += v - v;
    }
    if (bad !== 0 || (k & mask) === 0) {
      // ∇f not finite (then f decides between 'diverged' and 'non-finite'), or the periodic f check.
      nfev++;
      fun = f(x);
      funAt = k;
      if (typeof fun !== 'number') throw notANumber(fun);
      const st = fStatus(fun, bound);
      if (st !== undefined || bad !== 0) {
        status = st ?? 'non-finite';
        break;
      }
    }
  }
  return { status, nit: k, nfev, ngev, fun, funKnown: funAt === k, spent };
}

/** The common case (fixed lr, no line search, callback or recording) through a specialised loop. */
function fastGradientDescent(problem: Problem, o: Resolved): OptimizeResult {
  const { n, x0: x, lr, tol, maxIter, h } = o;
  // The loops count from 0; the budget left after f(x₀) and ∇f(x₀).
  const { f } = problem;
  const ev = new Evaluator(problem, n, o.gradient, o.h);
  const g = new Float64Array(n);
  const f0 = ev.f(x);
  ev.grad(x, g);
  if (!Number.isFinite(f0) || Number.isNaN(finiteNorm(g))) {
    return buildResult({ x, fun: f0, grad: g, nit: 0, status: 'non-finite' }, ev);
  }
  const bound = divergenceBound(f0);
  const end = ev.numerical
    ? numericalLoop(f, x, g, lr, tol, maxIter, o.maxfev - ev.nfev, h, bound)
    : analyticLoop(f, problem.grad!, x, g, lr, tol, maxIter, o.maxfev - ev.nfev, bound);
  ev.nfev += end.nfev;
  ev.ngev += end.ngev;
  let { status, fun } = end;
  if (end.nit === 0) fun = f0;
  else if (!end.funKnown) fun = ev.f(x);
  if (status !== 'diverged' && status !== 'non-finite') status = fStatus(fun, bound) ?? status;
  const message = end.spent && status === 'max-iter' ? MAXFEV_MESSAGE : undefined;
  return buildResult({ x, fun, grad: g, nit: end.nit, status, message }, ev);
}

/** Runs gradient descent on resolved options (used by `minimize`). */
export function runGradientDescent(problem: Problem, o: Resolved): OptimizeResult {
  if (
    o.lineSearch === 'none' &&
    o.schedule.type === 'constant' &&
    o.callback === undefined &&
    o.record === false
  ) {
    return fastGradientDescent(problem, o);
  }
  const ev = new Evaluator(problem, o.n, o.gradient, o.h);
  const stepper =
    o.lineSearch === 'none'
      ? new RuleStepper(o.n, sgdUpdate)
      : new SearchedStep(ev, bindSearch(o.lineSearch, o.lineSearchOptions, SEARCH_DEFAULTS.none), o.n);
  return runFirstOrder(problem, o, stepper, ev);
}

/**
 * Gradient descent as the notebook runs it: x ← x − η∇f(x), with ∇f analytic or the notebook's
 * central differences, stopping when ‖∇f‖ ≤ tol (checked before each step) or after `maxIter` steps.
 *
 * ```math
 * x_{k+1} = x_k - \eta_k \nabla f(x_k)
 * ```
 *
 * With `lineSearch` other than `'none'`, η_k comes from the search along −∇f(x_k) (`lr` is then unused;
 * `lineSearchOptions` are passed to the search). `schedule` varies η_k. Defaults: `lr` 0.01, `maxIter`
 * 100, `tol` 0 (the notebook's fixed `step_num`), `h` 1e-4.
 *
 * @param problem - `{ f, grad? }`; without `grad` (or with `gradient: 'numerical'`) the gradient is numerical.
 * @param x0 - The starting point (finite; not modified).
 * @param options - See {@link MinimizeOptions}; `method` must be absent or `'gradient-descent'`.
 * @returns The result record; `nit` = steps taken, `status` `'max-iter'` when the steps ran out.
 * @example
 * ```ts
 * const f = (x: Float64Array) => x[0]! ** 2 + x[1]! ** 2;
 * const r = gradientDescent({ f }, [-3, 4], { lr: 0.1, maxIter: 20 });
 * r.x; // Float64Array [-0.03458764513817675, 0.04611686018418694], as NumPy
 * ```
 */
export function gradientDescent(
  problem: Problem,
  x0: ArrayLike<number>,
  options?: MinimizeOptions,
): OptimizeResult {
  return runGradientDescent(problem, resolveOptions(problem, x0, options, 'gradient-descent'));
}
