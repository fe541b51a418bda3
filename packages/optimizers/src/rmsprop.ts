import { runFirstOrder, type Stepper } from './_firstOrder.js';
import { type Resolved, resolveOptions } from './_options.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/** s ← ρs + (1 − ρ)g², x ← x − η g / (√s + ε). */
class RmspropStep implements Stepper {
  private readonly sq: Float64Array;
  constructor(
    n: number,
    private readonly rho: number,
    private readonly epsilon: number,
  ) {
    this.sq = new Float64Array(n);
  }
  step(x: Float64Array, g: Float64Array, lr: number): boolean {
    const { sq, rho, epsilon } = this;
    const c = 1 - rho;
    for (let i = 0; i < x.length; i++) {
      const gi = g[i]!;
      const s = rho * sq[i]! + c * gi * gi;
      sq[i] = s;
      x[i] = x[i]! - (lr * gi) / (Math.sqrt(s) + epsilon);
    }
    return true;
  }
}

/** Runs RMSProp on resolved options (used by `minimize`). */
export function runRmsprop(problem: Problem, o: Resolved): OptimizeResult {
  return runFirstOrder(problem, o, new RmspropStep(o.n, o.rho, o.epsilon));
}

/**
 * RMSProp (Tieleman & Hinton, Coursera "Neural networks for machine learning", lecture 6e, 2012): AdaGrad
 * with an exponentially decaying average of squared gradients instead of their sum.
 *
 * ```math
 * s_{k+1} = \rho s_k + (1 - \rho) \nabla f(x_k)^{\odot 2}, \qquad
 * x_{k+1} = x_k - \eta_k \, \nabla f(x_k) \oslash \bigl(\sqrt{s_{k+1}} + \varepsilon\bigr), \qquad s_0 = 0
 * ```
 *
 * Defaults: `lr` 0.01, `rho` 0.9 (Hinton's lecture), `epsilon` 1e-8, `maxIter` 100, `tol` 0.
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - The starting point (finite; not modified).
 * @param options - See {@link MinimizeOptions}; extras `rho`, `epsilon`.
 * @returns The result record.
 * @example
 * ```ts
 * const f = (x: Float64Array) => x[0]! ** 2;
 * // first step: s = 0.1 g², so x moves by lr / √0.1
 * rmsprop({ f }, [1], { lr: 0.01, maxIter: 1 }).x[0]; // ≈ 1 − 0.01 / √0.1 = 0.96838
 * ```
 */
export function rmsprop(problem: Problem, x0: ArrayLike<number>, options?: MinimizeOptions): OptimizeResult {
  return runRmsprop(problem, resolveOptions(problem, x0, options, 'rmsprop'));
}
