import {
  type CommonOptions,
  checkMethod,
  checkProblem,
  checkX0,
  type Resolved,
  resolveCommon,
  resolveForLength,
  resolveOptions,
} from './_options.js';
import { runAdagrad } from './adagrad.js';
import { runAdam } from './adam.js';
import { runBfgs } from './bfgs.js';
import { runConjugateGradient } from './conjugateGradient.js';
import { runGradientDescent } from './gradientDescent.js';
import { runLbfgs } from './lbfgs.js';
import { runMomentum } from './momentum.js';
import { runNelderMead } from './nelderMead.js';
import { runNesterov } from './nesterov.js';
import { runNewton } from './newton.js';
import { runProjectedGradient } from './projectedGradient.js';
import { runRmsprop } from './rmsprop.js';
import { runSaddleFreeNewton } from './saddleFreeNewton.js';
import type { Method, MinimizeOptions, OptimizeResult, Problem } from './types.js';

/** Each method, run on resolved options. */
const RUNNERS: Readonly<Record<Method, (problem: Problem, o: Resolved) => OptimizeResult>> = {
  'gradient-descent': runGradientDescent,
  momentum: runMomentum,
  nesterov: runNesterov,
  adagrad: runAdagrad,
  rmsprop: runRmsprop,
  adam: runAdam,
  'projected-gradient': runProjectedGradient,
  newton: runNewton,
  'saddle-free-newton': runSaddleFreeNewton,
  bfgs: runBfgs,
  lbfgs: runLbfgs,
  'conjugate-gradient': runConjugateGradient,
  'nelder-mead': runNelderMead,
};

/**
 * Minimises `problem.f` from `x0` with the chosen method and returns a SciPy-like result record.
 *
 * Every option is validated before any work (`TypeError` for a wrong type, `RangeError` for a bad
 * value, both reading `invalid <option>: <value>`); a run that fails numerically returns a status
 * (`'diverged'`, `'non-finite'`, `'stalled'`, ...) and never throws. Defaults: `method`
 * `'gradient-descent'`, `lr` 0.01, `tol` 0 and `maxIter` 100 for the first-order methods (the notebook's
 * `gradient_descent`), `gradient` `'analytic'` when the problem has `grad`, else `'numerical'` with
 * `h` 1e-4 (the notebook's `numerical_gradient`).
 *
 * ```math
 * x^\star \approx \operatorname*{arg\,min}_x f(x)
 * ```
 *
 * @param problem - `{ f, grad?, hess? }`; every `@numcomp/core` test function is one.
 * @param x0 - The starting point (finite; not modified; of length `problem.dim` when the problem has one).
 * @param options - {@link MinimizeOptions}: `method`, `lr`, `momentum`, `tol`, `maxIter`, `gradient`, `h`,
 *   `lineSearch`, `schedule`, `callback`, `record`, `constraints` and method extras.
 * @returns `{ x, fun, grad, nit, nfev, ngev, nhev, status, success, message, trajectory?, kkt? }`.
 * @example
 * ```ts
 * // The notebook: gradient descent on x0² + x1² from (−3, 4), numerical gradient, lr 0.1, 20 steps
 * const r = minimize({ f: (x) => x[0]! ** 2 + x[1]! ** 2 }, [-3, 4], { lr: 0.1, maxIter: 20 });
 * r.x; // Float64Array [-0.03458764513817675, 0.04611686018418694]; r.status === 'max-iter'
 * ```
 */
export function minimize(problem: Problem, x0: ArrayLike<number>, options?: MinimizeOptions): OptimizeResult {
  const method = checkMethod(options?.method);
  return RUNNERS[method](problem, resolveOptions(problem, x0, options, method));
}

/**
 * `minimize` with its problem and options checked once, for many starting points: `minimizer(problem,
 * options)(x0)` is `minimize(problem, x0, options)`, the same result bit for bit, without validating and
 * reading the options again at each call (~1.5–3 µs, 10–20 % of a short BFGS or Newton run in 2-D).
 *
 * The problem and every option that does not depend on x0's length are checked here, and throw here;
 * each call checks its x0, and the options that depend on its length once per length (`maxIter`'s
 * default 200·n, `constraints`, `bounds`, `initialSimplex`). The options are read once: changing the
 * options object afterwards changes nothing (change nested ones — `lineSearchOptions`, `schedule`,
 * `bounds`, `constraints` — only between minimizers).
 *
 * @param problem - As {@link minimize}'s.
 * @param options - As {@link minimize}'s.
 * @returns A function of x0 returning {@link minimize}'s result.
 * @example
 * ```ts
 * import { himmelblau } from '@numcomp/core';
 * const run = minimizer(himmelblau(), { method: 'newton' });
 * const ends = [[-4, -4], [4, 4], [0, 0]].map((x0) => run(x0).x); // as minimize(himmelblau(), x0, …)
 * ```
 */
export function minimizer(
  problem: Problem,
  options?: MinimizeOptions,
): (x0: ArrayLike<number>) => OptimizeResult {
  const method = checkMethod(options?.method);
  checkProblem(problem);
  // A copy of the options' top level (an object's: anything else is refused as it is), so that what the
  // caller changes afterwards is not read.
  const copy =
    options !== null && typeof options === 'object' && !Array.isArray(options) ? { ...options } : options;
  const common: CommonOptions = resolveCommon(problem, copy, method);
  const run = RUNNERS[method];
  // The options resolved for each length of x0 (its x0 a placeholder replaced at each call).
  const byLength = new Map<number, Resolved>();
  const none = new Float64Array(0);
  return (x0) => {
    checkX0(problem, x0);
    const n = x0.length;
    let base = byLength.get(n);
    if (base === undefined) {
      base = resolveForLength(common, n, none);
      byLength.set(n, base);
    }
    return run(problem, { ...base, x0: Float64Array.from(x0) });
  };
}
