import type { MatrixLike } from '../_matrix.js';
import { didYouMean, rangeError, typeError } from '../_validate.js';
import type { TestFunction } from './_types.js';
import { beale } from './beale.js';
import { booth } from './booth.js';
import { function1 } from './function1.js';
import { goldsteinPrice } from './goldsteinPrice.js';
import { himmelblau } from './himmelblau.js';
import { illConditionedQuadratic } from './illConditionedQuadratic.js';
import { leastSquares } from './leastSquares.js';
import { mccormick } from './mccormick.js';
import { monkeySaddle } from './monkeySaddle.js';
import { plateau } from './plateau.js';
import { quadratic } from './quadratic.js';
import { rastrigin } from './rastrigin.js';
import { rosenbrock } from './rosenbrock.js';
import { saddle } from './saddle.js';
import { sphere } from './sphere.js';
import { styblinskiTang } from './styblinskiTang.js';

/** Parameters of the parametrised test functions; each function reads only its own. */
export interface TestFunctionParams {
  /** Number of variables: `sphere`, `rosenbrock`, `styblinski-tang`, `rastrigin`, `ill-conditioned-quadratic`. */
  readonly dim?: number;
  /** Condition number: `ill-conditioned-quadratic` (required). */
  readonly kappa?: number;
  /** Matrix: `quadratic` (symmetric, required), `least-squares` (required). */
  readonly A?: MatrixLike;
  /** Vector: `quadratic`, `least-squares` (required). */
  readonly b?: ArrayLike<number>;
  /** Constant term: `quadratic`. */
  readonly c?: number;
  /** Quartic weight: `saddle` (default 0, the pure saddle). */
  readonly q?: number;
}

/** A registry entry: builds the test function from its parameters. */
export type TestFunctionFactory = (params?: TestFunctionParams) => TestFunction;

/** The registry names accepted by {@link getTestFunction}. */
export type TestFunctionName =
  | 'function-1'
  | 'sphere'
  | 'quadratic'
  | 'ill-conditioned-quadratic'
  | 'least-squares'
  | 'rosenbrock'
  | 'beale'
  | 'booth'
  | 'himmelblau'
  | 'styblinski-tang'
  | 'rastrigin'
  | 'goldstein-price'
  | 'mccormick'
  | 'saddle'
  | 'monkey-saddle'
  | 'plateau';

type Key = keyof TestFunctionParams;

/** Wraps a factory: rejects parameters it does not take (a fixed `dim` equal to its own is fine). */
function entry(
  name: TestFunctionName,
  keys: readonly Key[],
  make: (p: TestFunctionParams) => TestFunction,
  fixedDim?: number,
): TestFunctionFactory {
  return (params = {}) => {
    if (params === null || typeof params !== 'object')
      throw typeError('params', params, 'expected an object');
    for (const k of Object.keys(params)) {
      const v = (params as Record<string, unknown>)[k];
      if (v === undefined || keys.includes(k as Key)) continue;
      if (k === 'dim' && fixedDim !== undefined && v === fixedDim) continue;
      const takes = keys.length > 0 ? `takes ${keys.join(', ')}` : 'takes no parameters';
      const near = keys.includes(k as Key) ? undefined : didYouMean(k, keys);
      throw rangeError(`params.${k}`, v, `${name} ${takes}${near ? `; did you mean ${near}?` : ''}`);
    }
    return make(params);
  };
}

/**
 * The test-function registry: registry name → factory taking {@link TestFunctionParams}.
 * `Object.keys(testFunctions)` lists every name.
 *
 * @example
 * ```ts
 * const r = testFunctions.rosenbrock({ dim: 5 });
 * r.dim; // 5
 * ```
 */
export const testFunctions: Readonly<Record<TestFunctionName, TestFunctionFactory>> = Object.freeze({
  'function-1': entry('function-1', [], () => function1(), 1),
  sphere: entry('sphere', ['dim'], (p) => sphere(p.dim)),
  quadratic: entry('quadratic', ['A', 'b', 'c'], (p) =>
    quadratic(p.A as MatrixLike, p.b as ArrayLike<number>, p.c),
  ),
  'ill-conditioned-quadratic': entry('ill-conditioned-quadratic', ['kappa', 'dim'], (p) =>
    illConditionedQuadratic(p.kappa as number, p.dim),
  ),
  'least-squares': entry('least-squares', ['A', 'b'], (p) =>
    leastSquares(p.A as MatrixLike, p.b as ArrayLike<number>),
  ),
  rosenbrock: entry('rosenbrock', ['dim'], (p) => rosenbrock(p.dim)),
  beale: entry('beale', [], () => beale(), 2),
  booth: entry('booth', [], () => booth(), 2),
  himmelblau: entry('himmelblau', [], () => himmelblau(), 2),
  'styblinski-tang': entry('styblinski-tang', ['dim'], (p) => styblinskiTang(p.dim)),
  rastrigin: entry('rastrigin', ['dim'], (p) => rastrigin(p.dim)),
  'goldstein-price': entry('goldstein-price', [], () => goldsteinPrice(), 2),
  mccormick: entry('mccormick', [], () => mccormick(), 2),
  saddle: entry('saddle', ['q'], (p) => saddle(p.q), 2),
  'monkey-saddle': entry('monkey-saddle', [], () => monkeySaddle(), 2),
  plateau: entry('plateau', [], () => plateau(), 1),
});

/**
 * Builds a test function by registry name, e.g. from an experiment's JSON config.
 *
 * @param name - A registry name: `'function-1'`, `'sphere'`, `'quadratic'`,
 *   `'ill-conditioned-quadratic'`, `'least-squares'`, `'rosenbrock'`, `'beale'`, `'booth'`,
 *   `'himmelblau'`, `'styblinski-tang'`, `'rastrigin'`, `'goldstein-price'`, `'mccormick'`, `'saddle'`,
 *   `'monkey-saddle'`, `'plateau'`.
 * @param params - The function's parameters (`dim`, `kappa`, `A`, `b`, `c`, `q` as applicable);
 *   a parameter the function does not take is a `RangeError`.
 * @returns A fresh {@link TestFunction}.
 * @throws RangeError for an unknown name (the message lists the valid names) or a bad parameter.
 * @example
 * ```ts
 * getTestFunction('ill-conditioned-quadratic', { kappa: 1000 }).hess(Float64Array.of(0, 0)).data;
 * // Float64Array [1, 0, 0, 1000]
 * ```
 */
export function getTestFunction(name: string, params?: TestFunctionParams): TestFunction {
  if (typeof name !== 'string') throw typeError('name', name, 'expected a string');
  if (!Object.hasOwn(testFunctions, name)) {
    throw rangeError('name', name, `expected one of ${Object.keys(testFunctions).join(', ')}`);
  }
  return testFunctions[name as TestFunctionName](params);
}
