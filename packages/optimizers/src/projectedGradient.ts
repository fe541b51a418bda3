import { runFirstOrder, type Stepper } from './_firstOrder.js';
import { type Resolved, resolveOptions } from './_options.js';
import { Projector } from './constraints/_projector.js';
import { kktReport } from './constraints/kkt.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/** x ← P_C(x − η∇f(x)). */
class ProjectedStep implements Stepper {
  constructor(private readonly projector: Projector) {}
  step(x: Float64Array, g: Float64Array, lr: number): boolean {
    for (let i = 0; i < x.length; i++) x[i] = x[i]! - lr * g[i]!;
    this.projector.project(x);
    return true;
  }
}

/** Runs projected gradient on resolved options (used by `minimize`). */
export function runProjectedGradient(problem: Problem, o: Resolved): OptimizeResult {
  const projector = new Projector(o.constraints, o.n);
  return runFirstOrder(problem, o, new ProjectedStep(projector), undefined, {
    start: (x) => projector.project(x),
    mapping: true,
    finish: (x, g) => ({ kkt: kktReport(o.constraints, x, g) }),
  });
}

/**
 * Projected gradient descent for box, ball and half-space constraints (and their intersections): a
 * gradient step, then the Euclidean projection back onto the feasible set C.
 *
 * ```math
 * x_0 = P_C(x_{\text{init}}), \qquad x_{k+1} = P_C\bigl(x_k - \eta_k \nabla f(x_k)\bigr)
 * ```
 *
 * It stops when the gradient mapping is small, ‖x_k − P_C(x_k − η∇f(x_k))‖ / η ≤ `tol` (at an interior
 * point that is ‖∇f‖), and reports `kkt`: the KKT residual and the multipliers at the final point (see
 * {@link kkt}). Defaults: `lr` 0.01, `maxIter` 100, `tol` 0.
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - The starting point (finite; projected first, not modified).
 * @param options - See {@link MinimizeOptions}; `constraints` is required.
 * @returns The result record with `kkt: { residual, multipliers }`.
 * @example
 * ```ts
 * const problem = {
 *   f: (x: Float64Array) => x[0]! ** 2 + x[1]! ** 2,
 *   grad: (x: Float64Array, out = new Float64Array(2)) => ((out[0] = 2 * x[0]!), (out[1] = 2 * x[1]!), out),
 * };
 * const r = projectedGradient(problem, [2, 3], {
 *   constraints: [{ type: 'halfspace', a: [1, 1], b: 1 }], lr: 0.1, tol: 1e-10, maxIter: 1000,
 * });
 * r.x; // ≈ [0.5, 0.5]; r.kkt.multipliers ≈ [1]
 * ```
 */
export function projectedGradient(
  problem: Problem,
  x0: ArrayLike<number>,
  options?: MinimizeOptions,
): OptimizeResult {
  return runProjectedGradient(problem, resolveOptions(problem, x0, options, 'projected-gradient'));
}
