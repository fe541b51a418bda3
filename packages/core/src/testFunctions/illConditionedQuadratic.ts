import type { Matrix } from '../_matrix.js';
import { checkFinite, rangeError } from '../_validate.js';
import { box, checkBatch, checkDim, filled, hessInto } from './_common.js';
import type { TestFunction } from './_types.js';

/** `½ Σ λᵢxᵢ²`, coordinate `i` at `x[o + i·s]`. */
function value(lambda: Float64Array, x: Float64Array, o: number, s: number): number {
  let t = 0;
  for (let i = 0; i < lambda.length; i++) {
    const v = x[o + i * s]!;
    t += lambda[i]! * v * v;
  }
  return 0.5 * t;
}

/** `λᵢxᵢ`, strided in and out. */
function gradient(
  lambda: Float64Array,
  x: Float64Array,
  o: number,
  s: number,
  out: Float64Array,
  oo: number,
  os: number,
): void {
  for (let i = 0; i < lambda.length; i++) out[oo + i * os] = lambda[i]! * x[o + i * s]!;
}

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
    f: (x: Float64Array): number => value(lambda, x, 0, 1),
    grad: (x: Float64Array, out: Float64Array = new Float64Array(dim)): Float64Array => {
      gradient(lambda, x, 0, 1, out, 0, 1);
      return out;
    },
    fBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(dim, points, count, out, 1);
      for (let p = 0; p < count; p++) out[p] = value(lambda, points, p, count);
      return out;
    },
    gradBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(dim, points, count, out, dim);
      for (let p = 0; p < count; p++) gradient(lambda, points, p, count, out, p, count);
      return out;
    },
    hess: (_x: Float64Array, out?: Matrix): Matrix => {
      const h = hessInto(out, dim);
      for (let i = 0; i < dim; i++) h.data[i * dim + i] = lambda[i]!;
      return h;
    },
    minima: [{ x: filled(dim, 0), f: 0 }],
    domain: box(dim, -5, 5),
  };
}
