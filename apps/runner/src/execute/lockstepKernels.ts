// f of two numbers (`BatchProblem.f2` of @numcomp/optimizers/lockstep) for @numcomp/core's 2-D test
// functions, written with the operations of core's own `value` functions in the same order, so that each
// gives `f`'s bits (tested point by point; the lockstep engine also checks it at the first start and a
// group whose f2 disagrees runs alone). With f2, gradient descent's lockstep step evaluates f inline,
// one pass per step with no batch buffers: 3–4× the one-at-a-time loop on the bench sweep, where core's
// fBatch only gives ~1.3×. Core's test functions do not expose their scalar forms; when they do, this
// table can go.
import type { BatchProblem } from '@numcomp/optimizers/lockstep';
import type { Params } from '../types.js';

type F2 = (x: number, y: number) => number;

/** Core's 2-D test functions by registry name: f of (x, y) for the parameters, or undefined. */
const KERNELS: Readonly<Record<string, (p: Params) => F2 | undefined>> = {
  // Σ xᵢ² summed from 0: 0 + x² is x² for every x² (never −0).
  sphere: (p) => (p.dim === undefined || p.dim === 2 ? (x, y) => x * x + y * y : undefined),
  // SciPy's rosen for n = 2: 0 + (100·d² + u²), the sum never −0.
  rosenbrock: (p) =>
    p.dim === undefined || p.dim === 2
      ? (x, y) => {
          const d = y - x * x;
          const u = 1 - x;
          return 100 * (d * d) + u * u;
        }
      : undefined,
  himmelblau: () => (x, y) => {
    const u = x * x + y - 11;
    const v = x + y * y - 7;
    return u * u + v * v;
  },
  booth: () => (x, y) => {
    const u = x + 2 * y - 7;
    const v = 2 * x + y - 5;
    return u * u + v * v;
  },
  beale: () => (x, y) => {
    const t1 = 1.5 - x + x * y;
    const t2 = 2.25 - x + x * y * y;
    const t3 = 2.625 - x + x * y * y * y;
    return t1 * t1 + t2 * t2 + t3 * t3;
  },
  saddle: (p) => {
    const q = p.q === undefined ? 0 : p.q;
    if (typeof q !== 'number') return undefined;
    return (x, y) => {
      const x2 = x * x;
      const y2 = y * y;
      return x2 - y2 + q * (x2 * x2 + y2 * y2);
    };
  },
  'monkey-saddle': () => (x, y) => x * x * x - 3 * x * y * y,
};

/**
 * The problem with `f2` added when it is @numcomp/core's test function `name` (built from `params`) and
 * that function has a kernel here; otherwise the problem as it is.
 *
 * @param problem - The objective as the runner built it.
 * @param name - Its registry name.
 * @param params - Its parameters.
 * @returns The problem, with `f2` where there is one.
 * @example
 * ```ts
 * withF2(getTestFunction('himmelblau'), 'himmelblau', {}).f2?.(3, 2); // 0
 * ```
 */
export function withF2<P extends BatchProblem>(
  problem: P,
  name: string,
  params: Params,
): P & Pick<BatchProblem, 'f2'> {
  if (problem.f2 !== undefined || !Object.hasOwn(KERNELS, name)) return problem;
  const f2 = KERNELS[name]!(params);
  return f2 === undefined ? problem : { ...problem, f2 };
}

/** The registry names that have a kernel (for tests). */
export const F2_NAMES: readonly string[] = Object.keys(KERNELS);
