import { rosenbrock, sphere } from '@numcomp/core';
import { describe, expect, it } from 'vitest';
import {
  bfgs,
  conjugateGradient,
  lbfgs,
  type Method,
  type MinimizeOptions,
  minimize,
  nelderMead,
  newton,
  type Problem,
} from '../src/index.ts';
import { sphere2 } from './_problems.ts';

/** A problem that counts its evaluations, to prove validation happens before any work. */
function counted(): { problem: Problem; calls: () => number } {
  let n = 0;
  return {
    problem: {
      f: (x) => {
        n++;
        return x[0]! ** 2 + x[1]! ** 2;
      },
    },
    calls: () => n,
  };
}

describe('minimize validates every option before any work', () => {
  const bad: [string, unknown, MinimizeOptions | undefined, RegExp, ErrorConstructor][] = [
    ['negative lr', [1, 2], { lr: -0.1 }, /^invalid lr: -0\.1/, RangeError],
    ['NaN lr', [1, 2], { lr: Number.NaN }, /^invalid lr: NaN/, RangeError],
    ['zero lr', [1, 2], { lr: 0 }, /^invalid lr: 0/, RangeError],
    ['string lr', [1, 2], { lr: '0.1' as unknown as number }, /^invalid lr: "0\.1"/, TypeError],
    ['unknown method', [1, 2], { method: 'sgd' as Method }, /^invalid method: "sgd"/, RangeError],
    ['non-finite x0', [1, Number.POSITIVE_INFINITY], {}, /^invalid x0: \[1, Infinity\]/, RangeError],
    ['NaN x0', [Number.NaN, 1], {}, /^invalid x0: \[NaN, 1\]/, RangeError],
    ['empty x0', [], {}, /^invalid x0: \[\]/, RangeError],
    ['x0 not an array', 3, {}, /^invalid x0: 3/, TypeError],
    ['fractional maxIter', [1, 2], { maxIter: 2.5 }, /^invalid maxIter: 2\.5/, RangeError],
    ['negative maxIter', [1, 2], { maxIter: -1 }, /^invalid maxIter: -1/, RangeError],
    ['negative tol', [1, 2], { tol: -1 }, /^invalid tol: -1/, RangeError],
    ['momentum 1', [1, 2], { method: 'momentum', momentum: 1 }, /^invalid momentum: 1/, RangeError],
    ['h 0', [1, 2], { h: 0 }, /^invalid h: 0/, RangeError],
    [
      'unknown gradient',
      [1, 2],
      { gradient: 'exact' as 'analytic' },
      /^invalid gradient: "exact"/,
      RangeError,
    ],
    ['analytic without grad', [1, 2], { gradient: 'analytic' }, /^invalid gradient: "analytic"/, RangeError],
    [
      'unknown lineSearch',
      [1, 2],
      { lineSearch: 'wolfe' as 'grid' },
      /^invalid lineSearch: "wolfe"/,
      RangeError,
    ],
    [
      'lineSearch with adam',
      [1, 2],
      { method: 'adam', lineSearch: 'grid' },
      /^invalid lineSearch: "grid"/,
      RangeError,
    ],
    [
      'bad schedule type',
      [1, 2],
      { schedule: { type: 'linear' } as never },
      /^invalid schedule\.type/,
      RangeError,
    ],
    [
      'bad step factor',
      [1, 2],
      { schedule: { type: 'step', every: 2, factor: 2 } },
      /^invalid schedule\.factor: 2/,
      RangeError,
    ],
    ['callback not a function', [1, 2], { callback: 1 as never }, /^invalid callback: 1/, TypeError],
    ['record.every 0', [1, 2], { record: { every: 0 } }, /^invalid record\.every: 0/, RangeError],
    ['record.max 1', [1, 2], { record: { max: 1 } }, /^invalid record\.max: 1/, RangeError],
    ['record a string', [1, 2], { record: 'yes' as never }, /^invalid record: "yes"/, TypeError],
    [
      'constraints on gd',
      [1, 2],
      { constraints: [{ type: 'ball', radius: 1 }] },
      /^invalid constraints/,
      RangeError,
    ],
    [
      'projected without constraints',
      [1, 2],
      { method: 'projected-gradient' },
      /^invalid constraints/,
      RangeError,
    ],
    ['beta2 1', [1, 2], { method: 'adam', beta2: 1 }, /^invalid beta2: 1/, RangeError],
    ['epsilon 0', [1, 2], { method: 'rmsprop', epsilon: 0 }, /^invalid epsilon: 0/, RangeError],
  ];
  for (const [name, x0, options, message, kind] of bad) {
    it(`minimize(problem, x0, options) throws for ${name}`, () => {
      const { problem, calls } = counted();
      expect(() => minimize(problem, x0 as number[], options)).toThrow(kind);
      expect(() => minimize(problem, x0 as number[], options)).toThrow(message);
      expect(calls()).toBe(0);
    });
  }

  it('x0 of the wrong length for a problem with dim throws', () => {
    expect(() => minimize(sphere(3), [1, 2])).toThrow(/^invalid x0: \[1, 2\] \(expected length 3\)/);
  });

  it('a problem without f throws a TypeError', () => {
    expect(() => minimize({} as Problem, [1])).toThrow(/^invalid problem\.f: undefined/);
    expect(() => minimize(null as unknown as Problem, [1])).toThrow(TypeError);
  });

  it('a method export refuses another method', () => {
    expect(() => minimize(sphere2, [1, 2], { method: 'adam', momentum: -0.5 })).toThrow(/^invalid momentum/);
  });
});

describe('minimize dispatches', () => {
  it("defaults to the notebook's gradient descent (lr 0.01, 100 steps, numerical gradient)", () => {
    const r = minimize({ f: (x) => x[0]! * x[0]! }, [1]);
    expect(r.nit).toBe(100);
    expect(r.status).toBe('max-iter');
    // x ← 0.98x (up to the numerical gradient's rounding)
    expect(r.x[0]).toBeCloseTo(0.98 ** 100, 10);
    expect(r.ngev).toBe(101);
    expect(r.nhev).toBe(0);
  });

  it('uses the analytic gradient when the problem has one, the numerical one when asked', () => {
    const a = minimize(sphere2, [-3, 4], { lr: 0.1, maxIter: 20 });
    const n = minimize(sphere2, [-3, 4], { lr: 0.1, maxIter: 20, gradient: 'numerical' });
    expect(a.nfev).toBe(3); // f(x0), f at step 16, f at the end
    expect(n.nfev).toBe(87);
    expect(Array.from(n.x)).toEqual([-0.03458764513817675, 0.04611686018418694]);
    expect(a.x[0]).toBeCloseTo(-3 * 0.8 ** 20, 15);
  });

  const methods: [Method, MinimizeOptions][] = [
    ['gradient-descent', { lr: 0.4, schedule: { type: 'inverse-time', decay: 0.01 } }],
    ['momentum', { lr: 0.05, momentum: 0.5 }],
    ['nesterov', { lr: 0.05, momentum: 0.5 }],
    ['adagrad', { lr: 1 }],
    ['rmsprop', { lr: 0.05, schedule: { type: 'exponential', decay: 0.998 } }],
    ['adam', { lr: 0.05, schedule: { type: 'cosine', minLr: 1e-3 } }],
    ['newton', {}],
    ['bfgs', {}],
    ['lbfgs', {}],
    ['conjugate-gradient', {}],
    ['projected-gradient', { lr: 0.1, constraints: [{ type: 'box', lower: [-5, -5], upper: [5, 5] }] }],
  ];
  for (const [method, options] of methods) {
    it(`minimize(x² + y², (−3, 4), { method: '${method}' }) reaches the minimum`, () => {
      const r = minimize(sphere2, [-3, 4], { method, tol: 1e-6, maxIter: 5000, ...options });
      expect(r.status).toBe('converged');
      expect(Math.hypot(r.x[0]!, r.x[1]!)).toBeLessThan(1e-5);
      expect(r.fun).toBe(r.x[0]! ** 2 + r.x[1]! ** 2);
      expect(r.message).toMatch(/^converged/);
    });
  }

  it("minimize(x² + y², (−3, 4), { method: 'nelder-mead' }) reaches the minimum to its xatol", () => {
    const r = minimize(sphere2, [-3, 4], { method: 'nelder-mead', tol: 1e-8 });
    expect(r.status).toBe('converged');
    expect(Math.hypot(r.x[0]!, r.x[1]!)).toBeLessThan(1e-6);
  });

  it("minimize(rosenbrock, (−1.2, 1), { method: 'bfgs' }) converges (B's method through the dispatcher)", () => {
    const r = minimize(rosenbrock(), [-1.2, 1], { method: 'bfgs' });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBeCloseTo(1, 4);
  });

  it('reads the options of a second-order method once, as its own export does: they are validated once a run', () => {
    const exports = {
      bfgs,
      lbfgs,
      'conjugate-gradient': conjugateGradient,
      newton,
      'nelder-mead': nelderMead,
    };
    for (const [method, run] of Object.entries(exports)) {
      // Counts every read of the options: validating them twice reads each one twice.
      const reads = (): { options: MinimizeOptions; count: () => number } => {
        let n = 0;
        const target: MinimizeOptions = { method: method as Method, maxIter: 3, tol: 1e-6 };
        const options = new Proxy(target, {
          get(t, k, r) {
            if (k !== 'method') n++;
            return Reflect.get(t, k, r);
          },
        });
        return { options, count: () => n };
      };
      const viaMinimize = reads();
      const a = minimize(rosenbrock(), [-1.2, 1], viaMinimize.options);
      const direct = reads();
      const b = run(rosenbrock(), [-1.2, 1], direct.options);
      expect([method, viaMinimize.count()]).toEqual([method, direct.count()]);
      expect(direct.count()).toBeGreaterThan(0);
      expect(Array.from(a.x)).toEqual(Array.from(b.x));
    }
  });
});
