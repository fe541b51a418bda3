import { checkFunction, checkVector, rangeError, typeError } from '@numcomp/core';
import { Evaluator } from '../_evaluator.js';
import type { Problem } from '../types.js';
import { LineFunction } from './_lineFunction.js';
import type { ScalarFunction } from './types.js';

/** A problem restricted to a ray, ready for any line search. */
export interface Restriction {
  /** φ(α) = f(x + αd). */
  readonly phi: ScalarFunction;
  /** φ'(α) = ∇f(x + αd)ᵀd (the problem's `grad`, else central differences with step 1e-4). */
  readonly dphi: ScalarFunction;
  /** φ(0) = f(x). */
  readonly phi0: number;
  /** φ'(0) = ∇f(x)ᵀd. */
  readonly dphi0: number;
}

/**
 * Restricts `problem` to the ray x + αd, giving the four arguments every line search takes.
 * `x` and `d` are copied; the returned closures reuse two work vectors and allocate nothing per call.
 *
 * @param problem - `{ f, grad? }`; without `grad`, φ' uses central differences (step 1e-4).
 * @param x - Start of the ray.
 * @param d - Direction (same length as `x`).
 * @returns `{ phi, dphi, phi0, dphi0 }`.
 * @example
 * ```ts
 * const p = { f: (x) => x[0] ** 2 + 10 * x[1] ** 2, grad: (x) => Float64Array.of(2 * x[0], 20 * x[1]) };
 * const { phi, dphi, phi0, dphi0 } = restrictToLine(p, [1, 1], [-2, -20]);
 * strongWolfe(phi, dphi, phi0, dphi0).alpha; // a step satisfying both Wolfe conditions
 * ```
 */
export function restrictToLine(problem: Problem, x: ArrayLike<number>, d: ArrayLike<number>): Restriction {
  if (problem === null || typeof problem !== 'object')
    throw typeError('problem', problem, 'expected { f, grad? }');
  checkFunction('problem.f', problem.f);
  if (problem.grad !== undefined) checkFunction('problem.grad', problem.grad);
  checkVector('x', x);
  checkVector('d', d);
  const n = x.length;
  if (d.length !== n) throw rangeError('d', d, `expected length ${n}`);
  const xs = Float64Array.from(x);
  const ds = Float64Array.from(d);
  const ev = new Evaluator(problem, n, problem.grad === undefined ? 'numerical' : 'analytic', 1e-4);
  const lf = new LineFunction(ev, n);
  lf.reset(xs, ds);
  return { phi: lf.phi, dphi: lf.dphi, phi0: lf.phi(0), dphi0: lf.dphi(0) };
}
