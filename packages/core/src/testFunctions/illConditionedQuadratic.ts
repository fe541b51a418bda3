import type { Matrix } from '../_matrix.js';
import { checkFinite, rangeError } from '../_validate.js';
import { box, checkDim, filled, zeroMatrix } from './_common.js';
import type { TestFunction } from './_types.js';

/**
 * A diagonal quadratic of condition number `κ`: `f(x) = ½·Σ λᵢ·xᵢ²` with eigenvalues
 * log-spaced from 1 to κ, `λᵢ = κ^(i/(n−1))` (for `n = 2`, `A = diag(1, κ)`). Gradient `λᵢ·xᵢ`,
 * Hessian `diag(λ)`, minimum `0` at the origin, domain `[-5, 5]ⁿ`. Gradient descent on it needs
 * about `κ` iterations: this is the chapter's example of poor conditioning.
 *
 * @param kappa - Condition number, finite and ≥ 1.
 * @param dim - Number of variables, an integer ≥ 2 (default 2).
 * @returns A fresh {@link TestFunction} named `'ill-conditioned-quadratic'`.
 * @example
 * ```ts
 * const q = illConditionedQuadratic(100);
 * q.hess(Float64Array.of(0, 0)).data; // Float64Array [1, 0, 0, 100]
 * ```
 */
export function illConditionedQuadratic(kappa: number, dim = 2): TestFunction {
  checkFinite('kappa', kappa);
  if (!(kappa >= 1)) throw rangeError('kappa', kappa, 'expected a condition number >= 1');
  checkDim('dim', dim, 2);
  const lambda = new Float64Array(dim);
  for (let i = 0; i < dim; i++) lambda[i] = kappa ** (i / (dim - 1));
  return {
    name: 'ill-conditioned-quadratic',
    dim,
    f: (x: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < dim; i++) s += lambda[i]! * x[i]! * x[i]!;
      return 0.5 * s;
    },
    grad: (x: Float64Array, out: Float64Array = new Float64Array(dim)): Float64Array => {
      for (let i = 0; i < dim; i++) out[i] = lambda[i]! * x[i]!;
      return out;
    },
    hess: (_x: Float64Array): Matrix => {
      const h = zeroMatrix(dim);
      for (let i = 0; i < dim; i++) h.data[i * dim + i] = lambda[i]!;
      return h;
    },
    minima: [{ x: filled(dim, 0), f: 0 }],
    domain: box(dim, -5, 5),
  };
}
