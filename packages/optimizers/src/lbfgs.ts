import { bindSearch, type DescentRule, resolveDescent, runDescent } from './_descent.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/**
 * Limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright, Algorithm 7.5). The direction
 * −H∇f comes from the two-loop recursion (N&W Algorithm 7.4) over the last `memory` pairs
 * (sᵢ, yᵢ), with the initial matrix (N&W eq. 7.20)
 *
 * ```math
 * H_k^0 = \gamma_k I, \qquad \gamma_k = \frac{s_{k-1}^\top y_{k-1}}{y_{k-1}^\top y_{k-1}} .
 * ```
 *
 * Pairs live in ring buffers of Float64Array (2·m·n numbers), so an iteration allocates nothing and
 * costs O(m·n). The first step is steepest descent of length 1 (α₀ = 1/‖∇f‖, as L-BFGS-B); later
 * searches try α = 1. Pairs with yᵀs ≤ ε‖s‖‖y‖ are skipped; a failed search restarts once with an
 * empty memory.
 *
 * Defaults: `memory` 10, `tol` 1e-5 on ‖∇f‖₂, `maxIter` 200·n, line search `'strong-wolfe'`
 * (c₁ = 1e-4, c₂ = 0.9; override through `lineSearchOptions`).
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - Starting point.
 * @param options - `memory` (integer ≥ 1), `tol`, `maxIter`, `gradient`, `h`, `lineSearchOptions`,
 * `callback`, `record`.
 * @returns The result record (see {@link OptimizeResult}).
 * @example
 * ```ts
 * import { rosenbrock } from '@numcomp/core';
 * const r = lbfgs(rosenbrock, [-1.2, 1], { memory: 5 });
 * r.status; // 'converged', r.x ≈ [1, 1]
 * ```
 */
export function lbfgs(
  problem: Problem,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): OptimizeResult {
  const setup = resolveDescent(problem, x0, options, 'lbfgs', ['strong-wolfe']);
  const search = bindSearch('strong-wolfe', setup.o.lineSearchOptions, { c1: 1e-4, c2: 0.9 });
  return runDescent(problem, setup, new LbfgsRule(setup.o.n, setup.o.memory), search);
}

/** Two-loop recursion over ring buffers. */
class LbfgsRule implements DescentRule {
  private readonly n: number;
  private readonly m: number;
  /** Pair i occupies [i·n, (i+1)·n) of S and Y. */
  private readonly S: Float64Array;
  private readonly Y: Float64Array;
  private readonly rho: Float64Array;
  private readonly alpha: Float64Array;
  /** Index of the newest pair and number of stored pairs. */
  private newest = -1;
  private count = 0;
  private gamma = 1;

  constructor(n: number, m: number) {
    this.n = n;
    this.m = m;
    this.S = new Float64Array(m * n);
    this.Y = new Float64Array(m * n);
    this.rho = new Float64Array(m);
    this.alpha = new Float64Array(m);
  }

  direction(_x: Float64Array, _fx: number, g: Float64Array, d: Float64Array): number {
    const { n, m, S, Y, rho, alpha, count } = this;
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    if (count === 0) {
      let gg = 0;
      for (let i = 0; i < n; i++) gg += g[i]! * g[i]!;
      return Math.min(1, 1 / Math.sqrt(gg));
    }
    // N&W Algorithm 7.4, with q = d = −∇f (the result is then −H∇f directly).
    let j = this.newest;
    for (let c = 0; c < count; c++) {
      const off = j * n;
      let a = 0;
      for (let i = 0; i < n; i++) a += S[off + i]! * d[i]!;
      a *= rho[j]!;
      alpha[j] = a;
      for (let i = 0; i < n; i++) d[i] = d[i]! - a * Y[off + i]!;
      j = j === 0 ? m - 1 : j - 1;
    }
    const gamma = this.gamma;
    for (let i = 0; i < n; i++) d[i] = gamma * d[i]!;
    j = (this.newest - count + 1 + m) % m;
    for (let c = 0; c < count; c++) {
      const off = j * n;
      let b = 0;
      for (let i = 0; i < n; i++) b += Y[off + i]! * d[i]!;
      b = alpha[j]! - rho[j]! * b;
      for (let i = 0; i < n; i++) d[i] = d[i]! + b * S[off + i]!;
      j = j === m - 1 ? 0 : j + 1;
    }
    return 1;
  }

  restart(): boolean {
    if (this.count === 0) return false;
    this.count = 0;
    this.newest = -1;
    return true;
  }

  update(s: Float64Array, y: Float64Array): void {
    const n = this.n;
    let ys = 0;
    let yy = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      ys += y[i]! * s[i]!;
      yy += y[i]! * y[i]!;
      ss += s[i]! * s[i]!;
    }
    if (!(ys > Number.EPSILON * Math.sqrt(ss * yy))) return; // curvature condition fails: skip
    const j = this.newest === this.m - 1 ? 0 : this.newest + 1;
    this.S.set(s, j * n);
    this.Y.set(y, j * n);
    this.rho[j] = 1 / ys;
    this.newest = j;
    if (this.count < this.m) this.count++;
    this.gamma = ys / yy;
  }
}
