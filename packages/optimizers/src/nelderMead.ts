import { Evaluator } from './_evaluator.js';
import { blewUp, divergenceBound } from './_firstOrder.js';
import { type Resolved, resolveOptions } from './_options.js';
import { buildResult, MAXFEV_MESSAGE } from './_result.js';
import { makeRecorder } from './_trajectory.js';
import type { IterationState, MinimizeOptions, OptimizeResult, Problem, Status } from './types.js';

/**
 * The Nelder–Mead simplex method (Nelder & Mead 1965), step for step as SciPy's
 * `minimize(method='Nelder-Mead')` (Gao & Han 2012 adaptive parameters optional). Derivative-free.
 *
 * Each iteration replaces the worst vertex x₍ₙ₊₁₎ using the centroid x̄ of the others:
 *
 * ```math
 * x_r = \bar x + \rho(\bar x - x_{n+1}),\quad x_e = \bar x + \rho\chi(\bar x - x_{n+1}),\quad
 * x_c = \bar x + \psi\rho(\bar x - x_{n+1}),\quad x_{cc} = \bar x - \psi(\bar x - x_{n+1}),
 * ```
 *
 * or shrinks every vertex towards the best by σ. Coefficients (ρ, χ, ψ, σ) = (1, 2, ½, ½), or with
 * `adaptive: true` (1, 1 + 2/n, ¾ − 1/(2n), 1 − 1/n). The initial simplex is x₀ and x₀ with one
 * coordinate scaled by 1.05 (0.00025 when it is 0), unless `initialSimplex` is given.
 *
 * Stops `'converged'` when max |xᵢ − x_best| ≤ `xatol` and max |fᵢ − f_best| ≤ `fatol` (both default
 * 1e-4; `tol` sets both), `'max-iter'` after `maxIter` iterations or `maxfev` evaluations (both default
 * 200·n, as SciPy). `nit` counts iterations (SciPy's `nit` is one more: it starts counting at 1).
 * `grad` in the result is the analytic gradient at x when the problem has one (ngev = 1), else NaN.
 * The callback sees the best vertex, with `grad` NaN and `stepLength` the distance it moved.
 *
 * @param problem - `{ f }` (grad and hess are not used).
 * @param x0 - Starting point.
 * @param options - `xatol`, `fatol`, `tol`, `maxIter`, `maxfev`, `adaptive`, `initialSimplex`
 * ((n+1)×n rows), `callback`, `record`.
 * @returns The result record; `x` is the best vertex.
 * @example
 * ```ts
 * import { rosenbrock } from '@numcomp/core';
 * const r = nelderMead(rosenbrock, [-1.2, 1]);
 * r.x; // ≈ [1, 1] (to ~1e-4), r.nfev === 159 as SciPy
 * ```
 */
export function nelderMead(
  problem: Problem,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): OptimizeResult {
  return runNelderMead(problem, resolveOptions(problem, x0, options, 'nelder-mead'));
}

/** {@link nelderMead} on options already resolved. */
export function runNelderMead(problem: Problem, o: Resolved): OptimizeResult {
  const n = o.n;
  const { xatol, fatol, adaptive, maxIter, maxfev } = o;

  const rho = 1;
  const chi = adaptive ? 1 + 2 / n : 2;
  const psi = adaptive ? 0.75 - 1 / (2 * n) : 0.5;
  const sigma = adaptive ? 1 - 1 / n : 0.5;

  // Vertex v occupies sim[v·n, (v+1)·n); `order` lists vertices from best to worst.
  const m = n + 1;
  const sim = new Float64Array(m * n);
  const init = o.initialSimplex;
  if (init !== undefined) {
    for (let v = 0; v < m; v++) for (let j = 0; j < n; j++) sim[v * n + j] = init[v]![j]!;
  } else {
    sim.set(o.x0, 0);
    for (let k = 0; k < n; k++) {
      const row = (k + 1) * n;
      sim.set(o.x0, row);
      const y = o.x0[k]!;
      sim[row + k] = y !== 0 ? 1.05 * y : 0.00025;
    }
  }

  const ev = new Evaluator(problem, n, problem.grad !== undefined ? 'analytic' : 'numerical', o.h);
  const fsim = new Float64Array(m);
  const order = new Int32Array(m);
  const xbar = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  const bestPrev = new Float64Array(n);
  // f with NaN ranked as +Infinity, as NumPy's sort does.
  const fe = (x: Float64Array): number => {
    const v = ev.f(x);
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const views = Array.from({ length: m }, (_, v) => sim.subarray(v * n, (v + 1) * n));
  const rowOf = (v: number): Float64Array => views[v]!;

  // One SciPy iteration on the sorted simplex: reflect, expand, contract or shrink. Each branch stops
  // early (leaving the simplex consistent) when the evaluation budget runs out.
  const replaceWorst = (best: number, worst: number): void => {
    const xw = rowOf(worst);
    for (let j = 0; j < n; j++) xr[j] = (1 + rho) * xbar[j]! - rho * xw[j]!;
    const fxr = fe(xr);
    if (fxr < fsim[best]!) {
      if (ev.nfev >= maxfev) {
        accept(xw, fsim, worst, xr, fxr);
        return;
      }
      for (let j = 0; j < n; j++) xe[j] = (1 + rho * chi) * xbar[j]! - rho * chi * xw[j]!;
      const fxe = fe(xe);
      if (fxe < fxr) accept(xw, fsim, worst, xe, fxe);
      else accept(xw, fsim, worst, xr, fxr);
    } else if (fxr < fsim[order[n - 1]!]!) {
      accept(xw, fsim, worst, xr, fxr);
    } else {
      if (ev.nfev >= maxfev) return;
      let shrink: boolean;
      if (fxr < fsim[worst]!) {
        // Outside contraction.
        for (let j = 0; j < n; j++) xc[j] = (1 + psi * rho) * xbar[j]! - psi * rho * xw[j]!;
        const fxc = fe(xc);
        shrink = !(fxc <= fxr);
        if (!shrink) accept(xw, fsim, worst, xc, fxc);
      } else {
        // Inside contraction.
        for (let j = 0; j < n; j++) xc[j] = (1 - psi) * xbar[j]! + psi * xw[j]!;
        const fxcc = fe(xc);
        shrink = !(fxcc < fsim[worst]!);
        if (!shrink) accept(xw, fsim, worst, xc, fxcc);
      }
      if (shrink) {
        const xb = rowOf(best);
        for (let r = 1; r < m; r++) {
          if (ev.nfev >= maxfev) return;
          const v = order[r]!;
          const row = v * n;
          for (let j = 0; j < n; j++) sim[row + j] = xb[j]! + sigma * (sim[row + j]! - xb[j]!);
          fsim[v] = fe(rowOf(v));
        }
      }
    }
  };

  let status: Status | undefined;
  for (let v = 0; v < m; v++) {
    order[v] = v;
    if (ev.nfev >= maxfev) {
      fsim[v] = Number.POSITIVE_INFINITY;
      continue;
    }
    fsim[v] = fe(rowOf(v));
  }
  sortOrder(order, fsim);
  const f0 = fsim[order[0]!]!;
  if (!Number.isFinite(f0)) status = 'non-finite';
  const bound = divergenceBound(Number.isFinite(f0) ? f0 : 0);

  const rec = makeRecorder(o.record);
  const nanGrad = new Float64Array(n).fill(Number.NaN);
  rec?.push(0, rowOf(order[0]!), fsim[order[0]!]!, Number.NaN, 0);
  const callback = o.callback;
  const state: { -readonly [K in keyof IterationState]: IterationState[K] } = {
    nit: 0,
    x: rowOf(order[0]!),
    fun: fsim[order[0]!]!,
    grad: nanGrad,
    gradNorm: Number.NaN,
    stepLength: 0,
  };
  let k = 0;
  let step = 0;
  let message: string | undefined;
  while (status === undefined) {
    if (ev.nfev >= maxfev || k >= maxIter) {
      status = 'max-iter';
      if (k < maxIter) message = MAXFEV_MESSAGE;
      break;
    }
    const best = order[0]!;
    const worst = order[n]!;
    // Convergence: simplex and its values both within tolerance of the best vertex.
    let dx = 0;
    let df = 0;
    for (let r = 1; r < m; r++) {
      const v = order[r]!;
      for (let j = 0; j < n; j++) dx = Math.max(dx, Math.abs(sim[v * n + j]! - sim[best * n + j]!));
      df = Math.max(df, Math.abs(fsim[best]! - fsim[v]!));
    }
    if (dx <= xatol && df <= fatol) {
      status = 'converged';
      break;
    }
    bestPrev.set(rowOf(best));
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += sim[order[r]! * n + j]!;
      xbar[j] = s / n;
    }
    replaceWorst(best, worst);
    k++;
    sortOrder(order, fsim);
    const xb = rowOf(order[0]!);
    const fb = fsim[order[0]!]!;
    let ss = 0;
    for (let j = 0; j < n; j++) ss += (xb[j]! - bestPrev[j]!) ** 2;
    step = Math.sqrt(ss);
    if (blewUp(fb, bound)) {
      status = 'diverged';
      break;
    }
    rec?.push(k, xb, fb, Number.NaN, step);
    if (callback !== undefined) {
      state.nit = k;
      state.x = xb;
      state.fun = fb;
      state.stepLength = step;
      if (callback(state) === false) status = 'stopped';
    }
  }
  const bestV = order[0]!;
  const x = Float64Array.from(rowOf(bestV));
  const fun = fsim[bestV]!;
  let grad: Float64Array = nanGrad;
  if (problem.grad !== undefined && o.gradient !== 'numerical') grad = ev.grad(x, new Float64Array(n));
  const trajectory = rec?.finish(k, x, fun, Number.NaN, step);
  return buildResult({ x, fun, grad, nit: k, status, message }, ev, trajectory);
}

/** Replaces vertex `v` (whose row is `row`) by `x` with value `fx`. */
function accept(row: Float64Array, fsim: Float64Array, v: number, x: Float64Array, fx: number): void {
  row.set(x);
  fsim[v] = fx;
}

/** Stable insertion sort of vertex indices by value (NumPy's argsort on ≤ 16 items is this). */
function sortOrder(order: Int32Array, fsim: Float64Array): void {
  for (let i = 1; i < order.length; i++) {
    const v = order[i]!;
    const fv = fsim[v]!;
    let j = i - 1;
    while (j >= 0 && fsim[order[j]!]! > fv) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = v;
  }
}
