// The loop shared by the line-searched methods (Newton, BFGS, L-BFGS, nonlinear CG). A method supplies a
// `DescentRule` (its direction and its update); this driver owns everything else, identically:
//
//   f(x₀), ∇f(x₀) → 'non-finite' if either is not finite
//   repeat: ‖∇f(x)‖₂ ≤ tol → 'converged'        (default tol 1e-5, SciPy's gtol)
//           k = maxIter → 'max-iter'              (default 200·n, SciPy's)
//           nfev ≥ maxfev → 'max-iter', message 'maxfev reached' (checked before each iteration)
//           d = direction; if ∇fᵀd ≥ 0 restart (steepest descent)
//           α = line search along d; no decrease → restart once, else 'stalled'
//           x ← x + αd; ∇f(x) (reused from the search when it was taken at α)
//           f or ∇f not finite, or |f| beyond 1e12·(|f(x₀)| + 1) → 'diverged'; x unchanged → 'stalled'
//           rule.update(s = αd, y = ∇f₊ − ∇f); record / callback (false → 'stopped')
//
// nfev/ngev count every evaluation (f(x₀), line-search trials, gradients; f is never re-evaluated at the
// end because the search returns it). The driver allocates no arrays per iteration, and hands f, the slope and
// the first trial step to the rule and the search in one record per run (`DescentState`): numbers passed to a
// call V8 does not inline are boxed, ~130 bytes an iteration of BFGS when they were arguments.

import { Evaluator } from './_evaluator.js';
import { divergenceBound, finiteNorm, fStatus } from './_firstOrder.js';
import type { Resolved } from './_options.js';
import { buildResult, MAXFEV_MESSAGE } from './_result.js';
import { makeRecorder } from './_trajectory.js';
import { checkLineSearchArgs } from './lineSearch/_common.js';
import { LineFunction } from './lineSearch/_lineFunction.js';
import { checkInitialStep, SEARCH_KEYS } from './lineSearch/_params.js';
import { type BacktrackingParams, backtrackingWith, readBacktracking } from './lineSearch/backtracking.js';
import { type ExactParams, exactWith, readExact } from './lineSearch/exact.js';
import { type GridParams, gridWith, readGrid } from './lineSearch/grid.js';
import { readStrongWolfe, type StrongWolfeParams, strongWolfeFrom } from './lineSearch/strongWolfe.js';
import type { LineSearchResult, ScalarFunction, SearchStart } from './lineSearch/types.js';
import type { IterationState, LineSearchKind, OptimizeResult, Problem, Status } from './types.js';

/**
 * The numbers an iteration hands between the driver, the method's rule and the line search, in one record
 * per run: passed as numbers to calls V8 does not inline, each was boxed (~130 bytes an iteration of BFGS).
 */
export class DescentState implements SearchStart {
  /** f at the iterate (φ(0) of the search). */
  fx = Number.NaN;
  /** f before the last step. */
  fOld = Number.NaN;
  /** ∇fᵀd along the search direction (φ'(0)). */
  slope = Number.NaN;
  /** The search's first trial step, from the rule. */
  a0 = Number.NaN;
}

/** A method's direction and curvature update. */
export interface DescentRule {
  /**
   * Writes the search direction at x into `d` (which still holds the previous direction on entry) and the
   * first trial step of the line search into `st.a0` (f at x is `st.fx`).
   */
  direction(x: Float64Array, g: Float64Array, d: Float64Array, k: number, st: DescentState): void;
  /** Drops curvature information so the next direction is −∇f. False when there is nothing to drop. */
  restart(): boolean;
  /** After an accepted step: s = x₊ − x, y = ∇f₊ − ∇f, g = ∇f₊, f before and after (`st.fOld`, `st.fx`). */
  update(s: Float64Array, y: Float64Array, g: Float64Array, st: DescentState): void;
}

/** A line search bound to its options: `(φ, φ', start, out) → out`, from φ(0) = `st.fx`, φ'(0) = `st.slope`. */
export type BoundSearch = (
  phi: ScalarFunction,
  dphi: ScalarFunction,
  st: SearchStart,
  out: LineSearchResult,
) => LineSearchResult;

/** Resolved options of a line-searched method. */
export interface DescentSetup {
  readonly o: Resolved;
  readonly tol: number;
  readonly maxIter: number;
}

/**
 * A line-searched method's setup from its options, resolved (`resolveOptions`: this family's defaults
 * tol 1e-5 and maxIter 200·n, and the line searches each method runs, checked there).
 */
export function descentSetup(o: Resolved): DescentSetup {
  return { o, tol: o.tol, maxIter: o.maxIter };
}

/** The full step α = 1 without any test (pure Newton). */
function fullStep(
  phi: ScalarFunction,
  _dphi: ScalarFunction,
  _st: SearchStart,
  out: LineSearchResult,
): LineSearchResult {
  out.alpha = 1;
  out.phi = phi(1);
  out.dphi = Number.NaN;
  out.nfev = 1;
  out.ngev = 0;
  out.ok = true;
  return out;
}

/**
 * Binds line search `kind` to the user's `lineSearchOptions` over the method's `defaults`. The options
 * are validated here, before any work, and read once: each call checks only its arguments and the
 * method's first trial step (reading the options at every step cost BFGS ~20 % of its time on 2-D
 * problems).
 */
export function bindSearch(
  kind: LineSearchKind,
  user: Readonly<Record<string, unknown>> | undefined,
  defaults: Readonly<Record<string, unknown>>,
): BoundSearch {
  if (kind === 'none') return fullStep;
  // The method's first trial step goes to the searches that take one, unless the user fixed it.
  const fromRule = SEARCH_KEYS[kind].includes('initialStep') && user?.initialStep === undefined;
  const p = readSearch(kind, user, defaults, fromRule);
  if (kind === 'strong-wolfe') {
    const q = p as StrongWolfeParams;
    return (phi, dphi, st, out) => {
      checkSearchStart(phi, dphi, st, true);
      if (fromRule) checkInitialStep(st.a0);
      return strongWolfeFrom(phi, dphi, st, fromRule, q, out);
    };
  }
  if (kind === 'backtracking') {
    const q = p as BacktrackingParams;
    return (phi, dphi, st, out) => {
      checkSearchStart(phi, dphi, st, false);
      return backtrackingWith(
        phi,
        st.fx,
        st.slope,
        q,
        fromRule ? checkInitialStep(st.a0) : q.initialStep,
        out,
      );
    };
  }
  if (kind === 'exact') {
    const q = p as ExactParams;
    return (phi, dphi, st, out) => {
      checkSearchStart(phi, dphi, st, false);
      return exactWith(phi, st.fx, st.slope, q, fromRule ? checkInitialStep(st.a0) : q.initialStep, out);
    };
  }
  const q = p as GridParams;
  return (phi, dphi, st, out) => {
    checkSearchStart(phi, dphi, st, false);
    return gridWith(phi, st.fx, q, out);
  };
}

/** `checkLineSearchArgs` on a search's start record (its numbers read from it, not passed). */
function checkSearchStart(
  phi: ScalarFunction,
  dphi: ScalarFunction,
  st: SearchStart,
  needsDphi: boolean,
): void {
  const phi0 = st.fx;
  const dphi0 = st.slope;
  if (
    typeof phi === 'function' &&
    typeof dphi === 'function' &&
    Number.isFinite(phi0) &&
    !Number.isNaN(dphi0)
  )
    return;
  checkLineSearchArgs(phi, dphi, phi0, dphi0, needsDphi);
}

/**
 * The methods' line-search defaults, one object each: a search over defaults alone is read once per
 * method (see {@link readSearch}).
 */
export const SEARCH_DEFAULTS = {
  /** BFGS and L-BFGS (SciPy's c₁, c₂). */
  quasiNewton: Object.freeze({ c1: 1e-4, c2: 0.9 }),
  /** Nonlinear CG (SciPy's c₂ = 0.2 for CG). */
  conjugateGradient: Object.freeze({ c1: 1e-4, c2: 0.2 }),
  /** Newton's backtracking, with interpolation. */
  interpolate: Object.freeze({ interpolate: true }),
  none: Object.freeze({}),
} as const;

type SearchParams = StrongWolfeParams | BacktrackingParams | ExactParams | GridParams;

/** A method's defaults read without user options, per search (the params are never written). */
const readDefaults = new WeakMap<object, Map<LineSearchKind, SearchParams>>();

/**
 * A search's options over the method's defaults, validated and read: once per method and search when the
 * user gives none (most runs), else for each run.
 */
function readSearch(
  kind: Exclude<LineSearchKind, 'none'>,
  user: Readonly<Record<string, unknown>> | undefined,
  defaults: Readonly<Record<string, unknown>>,
  fromRule: boolean,
): SearchParams {
  let byKind = user === undefined ? readDefaults.get(defaults) : undefined;
  const known = byKind?.get(kind);
  if (known !== undefined) return known;
  const opts: Record<string, unknown> = { ...defaults, ...user, ...(fromRule ? { initialStep: 1 } : {}) };
  const p =
    kind === 'strong-wolfe'
      ? readStrongWolfe(opts)
      : kind === 'backtracking'
        ? readBacktracking(opts)
        : kind === 'exact'
          ? readExact(opts)
          : readGrid(opts);
  if (user === undefined) {
    if (byKind === undefined) readDefaults.set(defaults, (byKind = new Map()));
    byKind.set(kind, p);
  }
  return p;
}

/** Runs a line-searched method; see the file comment. */
export function runDescent(
  problem: Problem,
  setup: DescentSetup,
  rule: DescentRule,
  search: BoundSearch,
  ev: Evaluator = new Evaluator(problem, setup.o.n, setup.o.gradient, setup.o.h),
): OptimizeResult {
  const { o, tol, maxIter } = setup;
  const n = o.n;
  const x = o.x0;
  const g = new Float64Array(n);
  const gOld = new Float64Array(n);
  const d = new Float64Array(n);
  const s = new Float64Array(n);
  const lf = new LineFunction(ev, n);
  const ls: LineSearchResult = { alpha: 0, phi: 0, dphi: 0, nfev: 0, ngev: 0, ok: false };
  const st = new DescentState();
  let fx = ev.fg(x, g);
  let gn = finiteNorm(g);
  const rec = makeRecorder(o.record);
  if (!Number.isFinite(fx) || Number.isNaN(gn)) {
    const trajectory = rec?.finish(0, x, fx, gn, 0);
    return buildResult({ x, fun: fx, grad: g, nit: 0, status: 'non-finite' }, ev, trajectory);
  }
  const bound = divergenceBound(fx);
  rec?.push(0, x, fx, gn, 0);
  const callback = o.callback;
  const state: { -readonly [K in keyof IterationState]: IterationState[K] } = {
    nit: 0,
    x,
    fun: fx,
    grad: g,
    gradNorm: gn,
    stepLength: 0,
  };
  let k = 0;
  let step = 0;
  let status: Status;
  let message: string | undefined;
  for (;;) {
    if (gn <= tol) {
      status = 'converged';
      break;
    }
    if (k >= maxIter) {
      status = 'max-iter';
      break;
    }
    if (ev.nfev >= o.maxfev) {
      status = 'max-iter';
      message = MAXFEV_MESSAGE;
      break;
    }
    // Direction and line search, restarting once from steepest descent when either fails.
    let retried = false;
    for (;;) {
      st.fx = fx;
      rule.direction(x, g, d, k, st);
      let slope = 0;
      for (let i = 0; i < n; i++) slope += g[i]! * d[i]!;
      if (slope < 0) {
        lf.reset(x, d);
        st.slope = slope;
        search(lf.phi, lf.dphi, st, ls);
        if (ls.alpha > 0) break;
      } else {
        ls.alpha = 0;
      }
      if (retried || !rule.restart()) break;
      retried = true;
    }
    if (ls.alpha === 0) {
      status = 'stalled';
      break;
    }
    const alpha = ls.alpha;
    gOld.set(g);
    const changed = lf.accept(alpha, x, g);
    const fOld = fx;
    fx = ls.phi;
    k++;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const si = alpha * d[i]!;
      s[i] = si;
      ss += si * si;
      gOld[i] = g[i]! - gOld[i]!; // gOld now holds y = ∇f₊ − ∇f
    }
    step = Math.sqrt(ss);
    gn = finiteNorm(g);
    const bad = fx < -bound ? 'diverged' : fStatus(fx, bound);
    if (bad !== undefined || Number.isNaN(gn)) {
      status = bad ?? 'non-finite';
      break;
    }
    if (!changed) {
      status = 'stalled';
      break;
    }
    st.fOld = fOld;
    st.fx = fx;
    rule.update(s, gOld, g, st);
    rec?.push(k, x, fx, gn, step);
    if (callback !== undefined) {
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
  const trajectory = rec?.finish(k, x, fx, gn, k === 0 ? 0 : step);
  return buildResult({ x, fun: fx, grad: g, nit: k, status, message }, ev, trajectory);
}
