import { runFirstOrder, type Stepper } from './_firstOrder.js';
import { type Resolved, resolveOptions } from './_options.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/** Kingma & Ba, Algorithm 1, with bias correction. */
class AdamStep implements Stepper {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  /** β₁ᵗ and β₂ᵗ, kept as running products (Math.pow per step costs more than the update). */
  private p1 = 1;
  private p2 = 1;
  constructor(
    n: number,
    private readonly beta1: number,
    private readonly beta2: number,
    private readonly epsilon: number,
  ) {
    this.m = new Float64Array(n);
    this.v = new Float64Array(n);
  }
  step(x: Float64Array, g: Float64Array, lr: number): boolean {
    const { m, v, beta1, beta2, epsilon } = this;
    // steps are taken in order, so after this step p1 = β₁ᵗ, p2 = β₂ᵗ with t = k + 1
    this.p1 *= beta1;
    this.p2 *= beta2;
    const c1 = 1 - this.p1;
    const c2 = 1 - this.p2;
    for (let i = 0; i < x.length; i++) {
      const gi = g[i]!;
      const mi = beta1 * m[i]! + (1 - beta1) * gi;
      const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      x[i] = x[i]! - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
    }
    return true;
  }
}

/** Runs Adam on resolved options (used by `minimize`). */
export function runAdam(problem: Problem, o: Resolved): OptimizeResult {
  return runFirstOrder(problem, o, new AdamStep(o.n, o.beta1, o.beta2, o.epsilon));
}

/**
 * Adam (Kingma & Ba, "Adam: a method for stochastic optimization", ICLR 2015, Algorithm 1): running
 * averages of the gradient and of its square, bias-corrected.
 *
 * ```math
 * \begin{aligned}
 * m_{t} &= \beta_1 m_{t-1} + (1 - \beta_1) g_t, &\quad v_{t} &= \beta_2 v_{t-1} + (1 - \beta_2) g_t^{\odot 2}, \\
 * \hat m_t &= m_t / (1 - \beta_1^t), &\quad \hat v_t &= v_t / (1 - \beta_2^t), \\
 * x_{t} &= x_{t-1} - \eta_t\, \hat m_t \oslash (\sqrt{\hat v_t} + \varepsilon)
 * \end{aligned}
 * ```
 *
 * with g_t = ∇f(x_{t−1}), m₀ = v₀ = 0. Defaults: `lr` 0.01, `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-8
 * (the paper's), `maxIter` 100, `tol` 0.
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - The starting point (finite; not modified).
 * @param options - See {@link MinimizeOptions}; Adam's own: `beta1`, `beta2`, `epsilon`.
 * @returns The result record.
 * @example
 * ```ts
 * const f = (x: Float64Array) => (x[0]! - 3) ** 2;
 * // the first bias-corrected step has length lr (up to ε) whatever the gradient's scale
 * adam({ f }, [0], { lr: 0.1, maxIter: 1 }).x[0]; // ≈ 0.1
 * ```
 */
export function adam(problem: Problem, x0: ArrayLike<number>, options?: MinimizeOptions): OptimizeResult {
  return runAdam(problem, resolveOptions(problem, x0, options, 'adam'));
}
