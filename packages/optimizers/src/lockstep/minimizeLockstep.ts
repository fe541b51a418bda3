import { checkVector, rangeError, show, typeError } from '@numcomp/core';
import { resolveOptions } from '../_options.js';
import { checkOption } from '../options.js';
import type { MinimizeOptions } from '../types.js';
import { runLockstep } from './_lockstepRun.js';
import type { LockstepResult } from './lockstepResult.js';
import type { BatchProblem, LockstepMethod, LockstepOptions } from './types.js';

/**
 * The methods {@link minimizeLockstep} runs.
 *
 * @example
 * ```ts
 * LOCKSTEP_METHODS.includes('adam'); // true; 'bfgs' is not
 * ```
 */
export const LOCKSTEP_METHODS: readonly LockstepMethod[] = [
  'gradient-descent',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
];

/**
 * Runs `minimize` from many starting points at once, side by side ("lockstep"): the runs share the
 * problem, the method and its options, and may differ in `lr`. State lives in struct-of-arrays
 * `Float64Array`s, each step is one pass over the runs still going, and finished runs are compacted
 * out. With a problem that has `fBatch` (and `gradBatch`) each evaluation is one call for the whole
 * batch; the numerical gradient perturbs one coordinate of every point at once.
 *
 * Each run's result has the bits `minimize(problem, x0s[i], { ...options, lr: lr[i] })` gives: the same
 * operations in the same order, the same statuses, counters and messages. Options are validated as
 * `minimize` validates them, before any work; `callback`, `record` and line searches are not taken
 * (run those with `minimize`).
 *
 * ```math
 * x^{(i)}_{k+1} = x^{(i)}_k + \Delta\bigl(\nabla f(x^{(i)}_k); \eta^{(i)}\bigr), \qquad i = 1 \ldots \text{count}
 * ```
 *
 * @param problem - `{ f, grad?, fBatch?, gradBatch?, dim? }`; every `@numcomp/core` test function is one.
 * @param x0s - The starting points, each finite and of the same length (`problem.dim` when it has one).
 * @param options - `minimize`'s options for a lockstep method (see {@link LockstepOptions}); `lr` may be
 *   one number, one per run, or one per run and coordinate.
 * @returns The runs' results, struct-of-arrays ({@link LockstepResult}); `result(i)` gives run i as `minimize`.
 * @example
 * ```ts
 * import { sphere } from '@numcomp/core';
 * // The notebook's run (lr 0.1, 20 steps, numerical gradient) beside a slower one
 * const r = minimizeLockstep(sphere(2), [[-3, 4], [1, 2]], { lr: [0.1, 0.01], maxIter: 20, gradient: 'numerical' });
 * r.result(0).x; // Float64Array [-0.03458764513817675, 0.04611686018418694], as minimize
 * ```
 */
export function minimizeLockstep(
  problem: BatchProblem,
  x0s: ArrayLike<ArrayLike<number>>,
  options?: LockstepOptions,
): LockstepResult {
  if (x0s === null || typeof x0s !== 'object' || typeof x0s.length !== 'number') {
    throw typeError('x0s', x0s, 'expected an array of starting points');
  }
  const count = x0s.length;
  if (count === 0) throw rangeError('x0s', x0s, 'empty');
  const o0 = options ?? {};
  const method = o0.method ?? 'gradient-descent';
  if (!LOCKSTEP_METHODS.includes(method)) {
    checkOption('method', method);
    throw rangeError('method', method, `lockstep runs ${LOCKSTEP_METHODS.join(', ')}`);
  }
  for (const key of ['callback', 'record'] as const) {
    if ((o0 as Record<string, unknown>)[key] !== undefined) {
      throw rangeError(
        key,
        (o0 as Record<string, unknown>)[key],
        'lockstep runs neither call back nor record',
      );
    }
  }
  const lrIn = o0.lr;
  const { lr: _lr, ...rest } = o0;
  const lrFirst = typeof lrIn === 'object' && lrIn !== null ? lrIn[0] : lrIn;
  const first = x0s[0]!;
  const o = resolveOptions(problem, first, { ...rest, lr: lrFirst } as MinimizeOptions, method);
  if (o.lineSearch !== 'none') {
    throw rangeError('lineSearch', o.lineSearch, 'lockstep runs take lr steps; search with minimize');
  }
  const n = o.n;
  for (let i = 1; i < count; i++) {
    const x0 = x0s[i];
    checkVector(`x0s[${i}]`, x0);
    if (x0.length !== n) throw rangeError(`x0s[${i}]`, x0, `expected length ${n}`);
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(x0[j])) throw rangeError(`x0s[${i}]`, x0, `x0s[${i}][${j}] is not finite`);
    }
  }
  const lr = new Float64Array(count * n);
  if (typeof lrIn === 'object' && lrIn !== null) {
    const len = lrIn.length;
    if (len !== count && len !== count * n) {
      throw rangeError('lr', `${show(len)} values`, `expected ${count} (one per run) or ${count * n}`);
    }
    const per = len === count ? 1 : n;
    for (let i = 0; i < len; i++) checkOption('lr', lrIn[i]);
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < n; j++) lr[i * n + j] = lrIn[per === 1 ? i : i * n + j]!;
    }
  } else {
    lr.fill(o.lr);
  }
  return runLockstep(problem, { method, o, n, count, x0: x0s, lr, f2: problem.f2 });
}
