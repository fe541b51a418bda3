// Objectives an experiment sweeps by a short name (`fn`), for sweeps that cross several test
// functions: a `@numcomp/core` test function name cannot be crossed with parameters only one of them
// takes (κ), so experiments name their objectives here and build them with these factories.
import { getTestFunction, rangeError, type TestFunction } from '@numcomp/core';
import type { Params } from '@numcomp/runner/experiment';

/** The named objectives: registry name (and parameters) of each. */
const TABLE: Readonly<Record<string, (p: Params) => TestFunction>> = {
  sphere: () => getTestFunction('sphere'),
  quadratic: (p) => getTestFunction('ill-conditioned-quadratic', { kappa: num(p, 'kappa', 10) }),
  rosenbrock: () => getTestFunction('rosenbrock'),
  beale: () => getTestFunction('beale'),
  himmelblau: () => getTestFunction('himmelblau'),
  booth: () => getTestFunction('booth'),
  // (x − 2)² + (y − 2)² = ½xᵀ(2I)x − (4, 4)ᵀx + 8: its minimum (2, 2) lies outside the constraint sets.
  shifted: () =>
    getTestFunction('quadratic', {
      A: [
        [2, 0],
        [0, 2],
      ],
      b: [4, 4],
      c: 8,
    }),
};

function num(p: Params, key: string, fallback: number): number {
  const v = p[key];
  return typeof v === 'number' ? v : fallback;
}

/** The names {@link namedProblem} knows: sphere, quadratic, rosenbrock, beale, himmelblau, booth, shifted. */
export const PROBLEM_NAMES: readonly string[] = Object.keys(TABLE);

/**
 * Builds the objective named by `params.fn` (with `params.kappa` for `'quadratic'`).
 *
 * @param params - The run's objective parameters.
 * @returns The test function.
 * @throws RangeError for an unknown name.
 * @example
 * ```ts
 * namedProblem({ fn: 'quadratic', kappa: 100 }).hess(Float64Array.of(0, 0)).data; // [1, 0, 0, 100]
 * ```
 */
export function namedProblem(params: Params): TestFunction {
  const fn = params.fn;
  const make = typeof fn === 'string' && Object.hasOwn(TABLE, fn) ? TABLE[fn] : undefined;
  if (make === undefined) throw rangeError('fn', fn, `expected one of ${PROBLEM_NAMES.join(', ')}`);
  return make(params);
}
