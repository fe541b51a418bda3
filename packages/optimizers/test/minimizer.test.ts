// `minimizer(problem, options)(x0)` must be `minimize(problem, x0, options)`: the same result bit for bit,
// the same errors, for every method.
import { getTestFunction, himmelblau, rosenbrock, testFunctions } from '@numcomp/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  METHODS,
  type Method,
  type MinimizeOptions,
  minimize,
  minimizer,
  type OptimizeResult,
  type Problem,
} from '../src/index.ts';

/** Every field of a result, numbers compared with Object.is (±0 and NaN included). */
function expectSame(a: OptimizeResult, b: OptimizeResult): void {
  const bits = (v: ArrayLike<number> | undefined) =>
    v === undefined ? undefined : Array.from(v, (x) => (Object.is(x, -0) ? '-0' : x));
  expect(b.status).toBe(a.status);
  expect([b.nit, b.nfev, b.ngev, b.nhev, b.success, b.message]).toEqual([
    a.nit,
    a.nfev,
    a.ngev,
    a.nhev,
    a.success,
    a.message,
  ]);
  expect(Object.is(b.fun, a.fun)).toBe(true);
  expect(bits(b.x)).toEqual(bits(a.x));
  expect(bits(b.grad)).toEqual(bits(a.grad));
  expect(b.trajectory === undefined).toBe(a.trajectory === undefined);
  if (a.trajectory !== undefined) {
    expect(bits(b.trajectory!.f)).toEqual(bits(a.trajectory.f));
    expect(bits(b.trajectory!.gradNorm)).toEqual(bits(a.trajectory.gradNorm));
    expect(b.trajectory!.x.map((x) => bits(x))).toEqual(a.trajectory.x.map((x) => bits(x)));
  }
  expect(b.kkt === undefined).toBe(a.kkt === undefined);
}

/** Options to try with each method: its defaults and its own extras. */
function variants(method: Method): MinimizeOptions[] {
  const first: MinimizeOptions[] = [{ lr: 0.01 }, { lr: 0.1, maxIter: 30, record: true }];
  switch (method) {
    case 'gradient-descent':
      return [
        ...first,
        { lineSearch: 'backtracking', maxIter: 40 },
        { lr: 0.05, schedule: { type: 'step', every: 5, factor: 0.5 }, maxIter: 25 },
        { gradient: 'numerical', h: 1e-3, lr: 0.02 },
      ];
    case 'momentum':
    case 'nesterov':
      return [...first, { lr: 0.01, momentum: 0.5 }];
    case 'adagrad':
    case 'rmsprop':
    case 'adam':
      return [...first, { lr: 0.05, epsilon: 1e-6, maxIter: 60 }];
    case 'projected-gradient':
      return [
        { constraints: [{ type: 'ball', radius: 1.5 }], lr: 0.05 },
        { constraints: [{ type: 'box', lower: [-1, -0.5], upper: [2, 0.5] }], lr: 0.1, maxIter: 40 },
      ];
    case 'newton':
    case 'saddle-free-newton':
      return [
        {},
        { lineSearch: 'backtracking' },
        { lineSearch: 'none', maxIter: 20 },
        { lineSearch: 'exact' },
        { gradient: 'numerical', record: { every: 2 } },
      ];
    case 'bfgs':
      return [{}, { tol: 1e-8, scaleH0: true }, { lineSearchOptions: { c1: 1e-3, c2: 0.5 }, maxIter: 15 }];
    case 'lbfgs':
      return [
        {},
        { memory: 3, tol: 1e-9 },
        {
          bounds: [
            [-1, 0.5],
            [null, 2],
          ],
        },
      ];
    case 'conjugate-gradient':
      return [{}, { tol: 1e-8, maxfev: 60 }];
    case 'nelder-mead':
      return [{}, { adaptive: true, xatol: 1e-6, fatol: 1e-6 }, { maxfev: 50 }];
  }
}

describe('minimizer', () => {
  // ~1,000 pairs of runs: under a parallel test run on two cores this took 6.6 s once (0.7 s alone).
  it('gives minimize’s result bit for bit, for every method, option set and 2-D test function', {
    timeout: 60_000,
  }, () => {
    // The test functions of two variables that take their default parameters.
    const names = Object.keys(testFunctions).filter((name) => {
      try {
        return (getTestFunction(name).dim ?? 2) === 2;
      } catch {
        return false;
      }
    });
    expect(names.length).toBeGreaterThan(8);
    let compared = 0;
    for (const method of METHODS) {
      for (const options of variants(method)) {
        for (const name of names) {
          const problem = getTestFunction(name);
          if (options.gradient !== 'numerical' && problem.grad === undefined && method !== 'nelder-mead')
            continue;
          const o: MinimizeOptions = { ...options, method };
          const run = minimizer(problem, o);
          fc.assert(
            fc.property(
              fc.tuple(
                fc.double({ min: -3, max: 3, noNaN: true }),
                fc.double({ min: -3, max: 3, noNaN: true }),
              ),
              (x0) => {
                expectSame(minimize(problem, x0, o), run(x0));
                compared++;
              },
            ),
            { numRuns: 4, seed: compared },
          );
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('runs a callback at each iteration, as minimize does', () => {
    const logged = () => {
      const log: number[] = [];
      return { log, o: { method: 'bfgs' as const, callback: (s: { fun: number }) => void log.push(s.fun) } };
    };
    const a = logged();
    const b = logged();
    const r1 = minimize(rosenbrock(), [-1.2, 1], a.o);
    const r2 = minimizer(rosenbrock(), b.o)([-1.2, 1]);
    expect(b.log).toEqual(a.log);
    expect(b.log.length).toBe(r1.nit);
    expectSame(r1, r2);
  });

  it('reads the options once: changing them afterwards changes nothing', () => {
    const options: { -readonly [K in keyof MinimizeOptions]: MinimizeOptions[K] } = {
      method: 'newton',
      lineSearch: 'backtracking',
      maxIter: 5,
    };
    const run = minimizer(himmelblau(), options);
    const before = run([-0.27, -0.92]);
    options.maxIter = 1;
    options.lineSearch = 'none';
    expectSame(before, run([-0.27, -0.92]));
    expect(before.nit).toBe(5);
  });

  it('leaves x0 as it was, and takes each length of x0 with its own defaults', () => {
    // A problem without dim: maxIter's default is 200·n for each n.
    const squares: Problem = { f: (x) => x.reduce((s, v) => s + (v - 1) ** 4, 0) };
    const options: MinimizeOptions = { method: 'nelder-mead', xatol: 1e-12, fatol: 1e-12 };
    const run = minimizer(squares, options);
    for (const x0 of [[3], [3, -2], [3, -2, 5], [0.5, 4]]) {
      const copy = [...x0];
      const r = run(x0);
      expect(x0).toEqual(copy);
      expectSame(minimize(squares, x0, options), r);
    }
    // Nelder–Mead's budget is maxfev = 200·n: a problem that improves at every evaluation never converges.
    let calls = 0;
    const falling = minimizer({ f: () => -++calls }, { method: 'nelder-mead' });
    for (const x0 of [[1], [1, 2, 3], [1, 2]]) {
      const r = falling(x0);
      expect(r.status).toBe('max-iter');
      expect(r.nfev).toBeGreaterThanOrEqual(200 * x0.length);
      expect(r.nfev).toBeLessThanOrEqual(200 * x0.length + x0.length + 1);
    }
  });

  it('throws minimize’s errors: the options when it is made, x0 and what depends on its length at each call', () => {
    const message = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
      return 'no error';
    };
    const p = rosenbrock();
    // Options that do not depend on x0's length: minimizer throws minimize's error.
    const bad: MinimizeOptions[] = [
      { lr: -0.1 },
      { method: 'sgd' as Method },
      { method: 'newton', lr: 0.1 },
      { gradient: 'exact' as 'analytic' },
      { method: 'adam', lineSearch: 'grid' },
      { schedule: { type: 'step', every: 2, factor: 2 } },
      { tol: -1 },
      { nope: 1 } as MinimizeOptions,
      { method: 'nelder-mead', lineSearch: 'grid' },
      {
        method: 'nelder-mead',
        initialSimplex: [
          [0, 0],
          [1, 0],
        ],
      },
    ];
    for (const o of bad) {
      const want = message(() => minimize(p, [1, 2], o));
      expect(want).toMatch(/^(Argument)?(Type|Range)Error: (invalid|unknown option) /);
      expect(message(() => minimizer(p, o))).toBe(want);
    }
    expect(message(() => minimizer({} as Problem))).toBe(message(() => minimize({} as Problem, [1])));
    for (const o of [null, [1], 5, 'x']) {
      const want = message(() => minimize(p, [1, 2], o as MinimizeOptions));
      expect(want).toMatch(/^(Argument)?TypeError: invalid options: /);
      expect(message(() => minimizer(p, o as MinimizeOptions))).toBe(want);
    }
    // x0, and the options checked against its length (and the method's line searches, checked last as
    // its export did): thrown by each call, as minimize throws them.
    const perCall: [Problem, MinimizeOptions, unknown][] = [
      [p, {}, [1, Number.NaN]],
      [p, {}, [1, 2, 3]],
      [p, {}, 'x'],
      [{ f: (x) => x[0]! }, { method: 'lbfgs', bounds: [[0, 1]] }, [0.5, 0.5]],
      [
        { f: (x) => x[0]! },
        { method: 'projected-gradient', constraints: [{ type: 'box', lower: [0], upper: [1] }] },
        [0.5, 0.5],
      ],
      [p, { method: 'bfgs', lineSearch: 'backtracking' }, [1, 2]],
      [
        { f: (x) => x[0]! },
        {
          method: 'nelder-mead',
          initialSimplex: [
            [0, 0],
            [1, 0],
            [0, 1],
          ],
        },
        [1, 2, 3],
      ],
    ];
    for (const [problem, o, x0] of perCall) {
      const want = message(() => minimize(problem, x0 as number[], o));
      expect(want).toMatch(/^(Argument)?(Type|Range)Error: invalid /);
      const run = minimizer(problem, o);
      expect(message(() => run(x0 as number[]))).toBe(want);
      expect(message(() => run(x0 as number[]))).toBe(want);
    }
  });
});
