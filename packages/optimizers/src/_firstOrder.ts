// The loop shared by the first-order methods (gradient descent with schedules, line searches, callbacks
// or recording; momentum, Nesterov, AdaGrad, RMSProp, Adam; projected gradient). A method supplies a
// `Stepper` that moves x in place; this driver owns everything else, identically for every method:
//
//   ∇f(x₀), f(x₀) → 'non-finite' if either is not finite
//   repeat: ‖∇f(x)‖ ≤ tol → 'converged'   (checked before each step, as the notebook's while loop)
//           k = maxIter → 'max-iter'; nfev ≥ maxfev → 'max-iter' with the message 'maxfev reached'
//           step; x unchanged → 'stalled'; x not finite → 'diverged'
//           ∇f(x) not finite → 'diverged'; every 16 steps f(x) > 1e12·(|f(x₀)|+1) or f = −∞ → 'diverged'
//           record / callback (false → 'stopped')
//   f(x) at the end (also checked against the bound)
//
// nfev counts f(x₀), the divergence checks, the final f and the method's own evaluations (line searches,
// numerical gradients); f values needed only by `record` or `callback` are evaluated but not counted.
import { Evaluator } from './_evaluator.js';
import type { Resolved } from './_options.js';
import { buildResult, MAXFEV_MESSAGE } from './_result.js';
import { makeRecorder } from './_trajectory.js';
import { addStep, newState, type Rule, type UpdateState } from './_updates.js';
import { scheduledRate } from './schedules.js';
import type { IterationState, OptimizeResult, Problem, Status } from './types.js';

/** Moves `x` in place, given `g = ∇f(x)`, the step size `lr` and `k` = steps taken so far. */
export interface Stepper {
  /** Returns false when no step could be made (a line search found no decrease): the run stalls. */
  step(x: Float64Array, g: Float64Array, lr: number, k: number): boolean;
}

/** A first-order method's update rule as a Stepper: Δx from the rule, then x ← x + Δx. */
export class RuleStepper implements Stepper {
  private readonly st: UpdateState;
  constructor(
    n: number,
    private readonly rule: Rule,
  ) {
    this.st = newState(n);
  }
  step(x: Float64Array, g: Float64Array, lr: number): boolean {
    this.rule(this.st, g, lr);
    addStep(x, this.st.step);
    return true;
  }
}

/** Steps between divergence checks of f (a power of two). */
export const CHECK_EVERY = 16;

/** f beyond this bound counts as divergence. */
export function divergenceBound(f0: number): number {
  return 1e12 * (Math.abs(f0) + 1);
}

/** True when f signals divergence against `bound` (NaN, +∞, −∞ or above the bound). */
export function blewUp(fx: number, bound: number): boolean {
  return !(fx <= bound) || fx === Number.NEGATIVE_INFINITY;
}

/**
 * The one rule of every method for a bad value at an iterate: f above `bound`, +∞ or −∞ is
 * `'diverged'`, f = NaN is `'non-finite'`, anything else is fine (undefined). A gradient with a NaN or
 * ±∞ entry is `fStatus(f(x), bound) ?? 'non-finite'`: `'diverged'` only when f has blown up too.
 */
export function fStatus(fx: number, bound: number): 'diverged' | 'non-finite' | undefined {
  if (fx <= bound && fx !== Number.NEGATIVE_INFINITY) return undefined;
  return Number.isNaN(fx) ? 'non-finite' : 'diverged';
}

/** ‖g‖₂, or NaN when an entry of `g` is not finite. */
export function finiteNorm(g: Float64Array): number {
  let s = 0;
  let bad = 0;
  for (let i = 0; i < g.length; i++) {
    const v = g[i]!;
    s += v * v;
    bad += v - v;
  }
  return bad === 0 ? Math.sqrt(s) : Number.NaN;
}

/** Options of the driver beyond the resolved options. */
export interface DriverHooks {
  /** Applied to x₀ before the run (projected gradient starts from P(x₀)). */
  readonly start?: (x: Float64Array) => void;
  /**
   * Projected gradient: converge on the gradient mapping ‖x − x⁺‖/lr ≤ tol instead of ‖∇f‖ ≤ tol
   * (the step is computed, measured, and rolled back when it meets the tolerance).
   */
  readonly mapping?: boolean;
  /** Extra result fields computed from the final point. */
  readonly finish?: (
    x: Float64Array,
    g: Float64Array,
  ) => {
    readonly kkt?: { readonly residual: number; readonly multipliers: number[] };
  };
}

/** Runs a first-order method; see the file comment. */
export function runFirstOrder(
  problem: Problem,
  o: Resolved,
  stepper: Stepper,
  ev: Evaluator = new Evaluator(problem, o.n, o.gradient, o.h),
  hooks: DriverHooks = {},
): OptimizeResult {
  const n = o.n;
  const x = o.x0;
  hooks.start?.(x);
  const g = new Float64Array(n);
  const xPrev = new Float64Array(n);
  const f0 = ev.f(x);
  ev.grad(x, g);
  let gn = finiteNorm(g);
  const rec = makeRecorder(o.record);
  if (!Number.isFinite(f0) || Number.isNaN(gn)) {
    const trajectory = rec?.finish(0, x, f0, gn, 0);
    return buildResult({ x, fun: f0, grad: g, nit: 0, status: 'non-finite' }, ev, trajectory);
  }
  const bound = divergenceBound(f0);
  rec?.push(0, x, f0, gn, 0);
  const { tol, maxIter, maxfev, lr: lr0, schedule, callback } = o;
  let message: string | undefined;
  const constant = schedule.type === 'constant';
  const mapping = hooks.mapping === true;
  const state: { -readonly [K in keyof IterationState]: IterationState[K] } = {
    nit: 0,
    x,
    fun: f0,
    grad: g,
    gradNorm: gn,
    stepLength: 0,
  };
  let k = 0;
  let fc = f0; // the last counted f(x), at iteration fcAt
  let fcAt = 0;
  let fx = f0; // the last f(x) for record/callback, at iteration fxAt
  let fxAt = 0;
  let step = 0;
  let status: Status;
  for (;;) {
    if (!mapping && gn <= tol) {
      status = 'converged';
      break;
    }
    if (k >= maxIter) {
      status = 'max-iter';
      break;
    }
    if (ev.nfev >= maxfev) {
      status = 'max-iter';
      message = MAXFEV_MESSAGE;
      break;
    }
    for (let i = 0; i < n; i++) xPrev[i] = x[i]!; // a loop: TypedArray#set costs more for small n
    const lr = constant ? lr0 : scheduledRate(schedule, lr0, k, maxIter);
    const ok = stepper.step(x, g, lr, k);
    let s = 0;
    let bad = 0;
    let changed = false;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const d = xi - xPrev[i]!;
      s += d * d;
      bad += xi - xi;
      if (d !== 0) changed = true;
    }
    const stepTry = Math.sqrt(s);
    if (mapping && stepTry <= tol * lr) {
      x.set(xPrev);
      status = 'converged';
      break;
    }
    if (bad !== 0) {
      k++;
      step = stepTry;
      status = 'diverged';
      break;
    }
    if (!ok || !changed) {
      x.set(xPrev);
      status = 'stalled';
      break;
    }
    k++;
    step = stepTry;
    ev.grad(x, g);
    gn = finiteNorm(g);
    if (Number.isNaN(gn) || (k & (CHECK_EVERY - 1)) === 0) {
      // ∇f not finite (f then decides between 'diverged' and 'non-finite'), or the periodic f check.
      fc = fx = ev.f(x);
      fcAt = fxAt = k;
      const st = fStatus(fc, bound);
      if (st !== undefined || Number.isNaN(gn)) {
        status = st ?? 'non-finite';
        break;
      }
    }
    if (rec?.wants(k)) {
      if (fxAt !== k) {
        fx = ev.fn(x);
        fxAt = k;
      }
      rec.push(k, x, fx, gn, step);
    }
    if (callback !== undefined) {
      if (fxAt !== k) {
        fx = ev.fn(x);
        fxAt = k;
      }
      state.nit = k;
      state.fun = fx;
      state.gradNorm = gn;
      state.stepLength = step;
      if (callback(state) === false) {
        status = 'stopped';
        break;
      }
    }
  }
  // The final f is counted: it is part of every run's result.
  const fun = fcAt === k ? fc : ev.f(x);
  if (status !== 'diverged' && status !== 'non-finite') status = fStatus(fun, bound) ?? status;
  const extra = hooks.finish?.(x, g);
  const trajectory = rec?.finish(k, x, fun, gn, k === 0 ? 0 : step);
  return buildResult({ x, fun, grad: g, nit: k, status, message, ...extra }, ev, trajectory);
}
