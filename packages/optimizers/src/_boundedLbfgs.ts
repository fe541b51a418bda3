// L-BFGS with simple bounds l ≤ x ≤ u (lbfgs with `bounds`): a projected quasi-Newton method with the
// binding set held fixed in each iteration (Bertsekas' two-metric projection; the "simpler correct
// scheme" beside L-BFGS-B's generalized Cauchy point):
//
//   x₀ ← P(x₀)                                   P clips to the box
//   repeat: ‖x − P(x − ∇f)‖₂ ≤ tol → 'converged'  (the projected gradient; SciPy's pgtol uses ‖·‖∞)
//           B = {i : xᵢ = lᵢ, ∂ᵢf > 0 or xᵢ = uᵢ, ∂ᵢf < 0}   (binding: the gradient pushes out of the box)
//           B changed since the last iteration → drop the memory (its pairs span the old free space)
//           d = −H q with q = ∇f on the free variables, 0 on B (two-loop recursion); dᵢ = 0 on B
//           not a descent direction → drop the memory, d = −q
//           if the first trial step stays in the box: strong-Wolfe search with maxStep = the first bound hit
//           else (or if that search fails): Armijo backtracking along the projected path P(x + αd),
//                f(P(x + αd)) ≤ f(x) + c₁∇fᵀ(P(x + αd) − x)
//           x ← the accepted point; pair (s, y) stored when sᵀy > ε‖s‖‖y‖
//
// Statuses, counters, recording and the callback are those of the unconstrained driver.

import { type BoundSearch, type DescentSetup, DescentState } from './_descent.js';
import { Evaluator } from './_evaluator.js';
import { blewUp, divergenceBound, finiteNorm, fStatus } from './_firstOrder.js';
import type { LbfgsRule } from './_lbfgsRule.js';
import { buildResult, MAXFEV_MESSAGE } from './_result.js';
import { makeRecorder } from './_trajectory.js';
import { LineFunction } from './lineSearch/_lineFunction.js';
import type { LineSearchResult } from './lineSearch/types.js';
import type { IterationState, OptimizeResult, Problem, Status } from './types.js';

/** Trials of the projected backtracking search. */
const MAX_BACKTRACK = 40;

/** ‖x − P(x − g)‖₂, the projected gradient's norm (NaN when g is not finite). */
function projectedGradientNorm(x: Float64Array, g: Float64Array, lo: Float64Array, hi: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const t = Math.min(Math.max(xi - g[i]!, lo[i]!), hi[i]!);
    const v = xi - t;
    s += v * v;
  }
  return Number.isFinite(s) ? Math.sqrt(s) : Number.NaN;
}

/** Runs L-BFGS in the box; see the file comment. `search` is the bound strong-Wolfe search. */
export function runBoundedLbfgs(
  problem: Problem,
  setup: DescentSetup,
  rule: LbfgsRule,
  search: BoundSearch,
): OptimizeResult {
  const { o, tol, maxIter } = setup;
  const { lower: lo, upper: hi } = o.bounds!;
  const n = o.n;
  const ev = new Evaluator(problem, n, o.gradient, o.h);
  const c1 = typeof o.lineSearchOptions?.c1 === 'number' ? o.lineSearchOptions.c1 : 1e-4;
  const x = o.x0;
  for (let i = 0; i < n; i++) x[i] = Math.min(Math.max(x[i]!, lo[i]!), hi[i]!);
  const g = new Float64Array(n);
  const y = new Float64Array(n);
  const q = new Float64Array(n);
  const d = new Float64Array(n);
  const s = new Float64Array(n);
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  const binding = new Uint8Array(n);
  const lf = new LineFunction(ev, n);
  const ls: LineSearchResult = { alpha: 0, phi: 0, dphi: 0, nfev: 0, ngev: 0, ok: false };
  const st = new DescentState();
  let fx = ev.fg(x, g);
  let pgn = projectedGradientNorm(x, g, lo, hi);
  const rec = makeRecorder(o.record);
  if (!Number.isFinite(fx) || Number.isNaN(finiteNorm(g))) {
    const trajectory = rec?.finish(0, x, fx, pgn, 0);
    return buildResult({ x, fun: fx, grad: g, nit: 0, status: 'non-finite' }, ev, trajectory);
  }
  const bound = divergenceBound(fx);
  rec?.push(0, x, fx, pgn, 0);
  const callback = o.callback;
  const state: { -readonly [K in keyof IterationState]: IterationState[K] } = {
    nit: 0,
    x,
    fun: fx,
    grad: g,
    gradNorm: pgn,
    stepLength: 0,
  };
  let k = 0;
  let step = 0;
  let status: Status;
  let message: string | undefined;
  for (;;) {
    if (pgn <= tol) {
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
    // The binding set, and q = ∇f on the free variables.
    let changedSet = false;
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      const xi = x[i]!;
      const b = (xi <= lo[i]! && gi > 0) || (xi >= hi[i]! && gi < 0);
      if (b !== (binding[i] === 1)) changedSet = true;
      binding[i] = b ? 1 : 0;
      q[i] = b ? 0 : gi;
    }
    // A variable joined or left the binding set: the stored pairs mix the old free space; start afresh.
    if (changedSet) rule.restart();
    let fNew = fx;
    let accepted = false;
    for (let attempt = 0; attempt < 2 && !accepted; attempt++) {
      st.fx = fx;
      rule.direction(x, q, d, 0, st);
      const a0 = st.a0;
      let slope = 0;
      for (let i = 0; i < n; i++) {
        if (q[i] === 0) d[i] = 0;
        slope += g[i]! * d[i]!;
      }
      if (!(slope < 0)) {
        if (!rule.restart()) break;
        continue;
      }
      // The largest step that stays in the box along d.
      let amax = Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        const di = d[i]!;
        if (di < 0) amax = Math.min(amax, (lo[i]! - x[i]!) / di);
        else if (di > 0) amax = Math.min(amax, (hi[i]! - x[i]!) / di);
      }
      if (amax >= a0) {
        lf.reset(x, d);
        st.slope = slope;
        search(lf.phi, lf.dphi, st, ls);
        if (ls.alpha > 0 && ls.alpha <= amax) {
          s.set(x);
          y.set(g);
          lf.accept(ls.alpha, x, g);
          fNew = ls.phi;
          let moved = false;
          for (let i = 0; i < n; i++) {
            const c = Math.min(Math.max(x[i]!, lo[i]!), hi[i]!);
            if (c !== x[i]) moved = true;
            x[i] = c;
          }
          if (moved) fNew = ev.fg(x, g); // rounding stepped out of the box: evaluate where we are
          accepted = true;
          break;
        }
      }
      // Armijo backtracking along the projected path P(x + αd), α from the first trial (at most 1).
      let alpha = Math.min(a0, 1);
      for (let t = 0; t < MAX_BACKTRACK; t++) {
        let dec = 0;
        let changed = false;
        for (let i = 0; i < n; i++) {
          const xi = x[i]!;
          const v = Math.min(Math.max(xi + alpha * d[i]!, lo[i]!), hi[i]!);
          xt[i] = v;
          dec += g[i]! * (v - xi);
          if (v !== xi) changed = true;
        }
        if (!changed) break;
        const ft = ev.f(xt);
        if (ft <= fx + c1 * dec) {
          s.set(x);
          y.set(g);
          x.set(xt);
          ev.grad(x, gt);
          g.set(gt);
          fNew = ft;
          accepted = true;
          break;
        }
        alpha *= Number.isFinite(ft) ? Math.min(0.5, Math.max(0.1, (-0.5 * dec) / (ft - fx - dec))) : 0.1;
      }
      if (!accepted && !rule.restart()) break;
    }
    if (!accepted) {
      status = 'stalled';
      break;
    }
    k++;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const si = x[i]! - s[i]!;
      s[i] = si;
      ss += si * si;
      y[i] = g[i]! - y[i]!;
    }
    step = Math.sqrt(ss);
    fx = fNew;
    const gn = finiteNorm(g);
    const bad = fx < -bound ? 'diverged' : fStatus(fx, bound);
    if (bad !== undefined || Number.isNaN(gn)) {
      status = bad ?? 'non-finite';
      break;
    }
    if (blewUp(fx, bound)) {
      status = 'diverged';
      break;
    }
    if (ss === 0) {
      status = 'stalled';
      break;
    }
    rule.update(s, y);
    pgn = projectedGradientNorm(x, g, lo, hi);
    rec?.push(k, x, fx, pgn, step);
    if (callback !== undefined) {
      state.nit = k;
      state.fun = fx;
      state.gradNorm = pgn;
      state.stepLength = step;
      if (callback(state) === false) {
        status = 'stopped';
        break;
      }
    }
  }
  const trajectory = rec?.finish(k, x, fx, pgn, k === 0 ? 0 : step);
  return buildResult({ x, fun: fx, grad: g, nit: k, status, message }, ev, trajectory);
}
