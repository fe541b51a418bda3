import { RuleStepper, runFirstOrder } from './_firstOrder.js';
import { type Resolved, resolveOptions } from './_options.js';
import { makeRule } from './_updates.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/** Runs the heavy-ball method on resolved options (used by `minimize`). */
export function runMomentum(problem: Problem, o: Resolved): OptimizeResult {
  return runFirstOrder(problem, o, new RuleStepper(o.n, makeRule('momentum', o)));
}

/**
 * Polyak's heavy-ball method (B. T. Polyak, "Some methods of speeding up the convergence of iteration
 * methods", 1964): gradient descent plus a multiple of the previous step.
 *
 * ```math
 * v_{k+1} = \beta v_k - \eta_k \nabla f(x_k), \qquad x_{k+1} = x_k + v_{k+1}, \qquad v_0 = 0
 * ```
 *
 * On a quadratic with Hessian eigenvalues in [μ, L], η = 4/(√L + √μ)² and β = ((√κ − 1)/(√κ + 1))²
 * (κ = L/μ) give the rate (√κ − 1)/(√κ + 1) instead of gradient descent's (κ − 1)/(κ + 1).
 * Defaults: `lr` 0.01, `momentum` β = 0.9, `maxIter` 100, `tol` 0.
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - The starting point (finite; not modified).
 * @param options - See {@link MinimizeOptions}: `lr`, `momentum`, `tol`, `maxIter`, `schedule`, ...
 * @returns The result record.
 * @example
 * ```ts
 * const quad = { f: (x: Float64Array) => 0.5 * (x[0]! ** 2 + 100 * x[1]! ** 2) };
 * const r = momentum(quad, [1, 1], { lr: 4 / 121, momentum: (9 / 11) ** 2, tol: 1e-8, maxIter: 1000 });
 * r.status; // 'converged'
 * ```
 */
export function momentum(problem: Problem, x0: ArrayLike<number>, options?: MinimizeOptions): OptimizeResult {
  return runMomentum(problem, resolveOptions(problem, x0, options, 'momentum'));
}
