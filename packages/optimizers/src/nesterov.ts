import { runFirstOrder, type Stepper } from './_firstOrder.js';
import { type Resolved, resolveOptions } from './_options.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/**
 * Nesterov momentum on the look-ahead iterate y = x + βv (one gradient per step):
 * v ← βv − η∇f(y), y ← y + βv − η∇f(y), i.e. y ← y − η∇f(y) + β·v_new.
 */
class NesterovStep implements Stepper {
  private readonly v: Float64Array;
  constructor(
    n: number,
    private readonly beta: number,
  ) {
    this.v = new Float64Array(n);
  }
  step(y: Float64Array, g: Float64Array, lr: number): boolean {
    const { v, beta } = this;
    for (let i = 0; i < y.length; i++) {
      const gi = lr * g[i]!;
      const vi = beta * v[i]! - gi;
      v[i] = vi;
      y[i] = y[i]! + beta * vi - gi;
    }
    return true;
  }
}

/** Runs Nesterov momentum on resolved options (used by `minimize`). */
export function runNesterov(problem: Problem, o: Resolved): OptimizeResult {
  return runFirstOrder(problem, o, new NesterovStep(o.n, o.momentum));
}

/**
 * Nesterov's accelerated gradient in the momentum form of Sutskever, Martens, Dahl & Hinton (2013),
 * "On the importance of initialization and momentum in deep learning", eqs. (3)–(4):
 *
 * ```math
 * v_{k+1} = \beta v_k - \eta_k \nabla f(x_k + \beta v_k), \qquad x_{k+1} = x_k + v_{k+1}
 * ```
 *
 * It runs on the look-ahead point y_k = x_k + βv_k (Bengio, Boulanger-Lewandowski & Pascanu, 2013), so
 * each step needs one gradient, at the iterate itself:
 *
 * ```math
 * v_{k+1} = \beta v_k - \eta_k \nabla f(y_k), \qquad y_{k+1} = y_k + \beta v_{k+1} - \eta_k \nabla f(y_k)
 * ```
 *
 * The reported `x` (and trajectory, and the tolerance test) are the y_k; at a minimum v → 0 and y = x.
 * Defaults: `lr` 0.01, `momentum` β = 0.9, `maxIter` 100, `tol` 0.
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - The starting point (finite; not modified).
 * @param options - See {@link MinimizeOptions}: `lr`, `momentum`, `tol`, `maxIter`, `schedule`, ...
 * @returns The result record.
 * @example
 * ```ts
 * const f = (x: Float64Array) => x[0]! ** 2 + 10 * x[1]! ** 2;
 * nesterov({ f }, [1, 1], { lr: 0.02, momentum: 0.8, tol: 1e-6, maxIter: 1000 }).status; // 'converged'
 * ```
 */
export function nesterov(problem: Problem, x0: ArrayLike<number>, options?: MinimizeOptions): OptimizeResult {
  return runNesterov(problem, resolveOptions(problem, x0, options, 'nesterov'));
}
