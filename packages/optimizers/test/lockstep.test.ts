import { getTestFunction, type TestFunction, type TestFunctionName, testFunctions } from '@numcomp/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAXFEV_MESSAGE } from '../src/_result.ts';
import { type MinimizeOptions, minimize, type OptimizeResult, type Problem } from '../src/index.ts';
import { sqrtBound, twoHBound } from '../src/lockstep/_lockstepRun.ts';
import {
  type BatchProblem,
  LOCKSTEP_METHODS,
  type LockstepMethod,
  type LockstepOptions,
  minimizeLockstep,
} from '../src/lockstep/index.ts';

/** Every registry function, with parameters where it needs them (and a second size where it has one). */
const PROBLEMS: readonly (readonly [string, TestFunction])[] = [
  ['function-1', getTestFunction('function-1')],
  ['sphere', getTestFunction('sphere')],
  ['sphere dim 3', getTestFunction('sphere', { dim: 3 })],
  [
    'quadratic',
    getTestFunction('quadratic', {
      A: [
        [3, 0.5],
        [0.5, 1],
      ],
      b: [1, -2],
      c: 0.5,
    }),
  ],
  ['ill-conditioned-quadratic', getTestFunction('ill-conditioned-quadratic', { kappa: 50 })],
  [
    'least-squares',
    getTestFunction('least-squares', {
      A: [
        [1, 2],
        [3, 4],
        [5, 6.5],
      ],
      b: [1, 0, -1],
    }),
  ],
  ['rosenbrock', getTestFunction('rosenbrock')],
  ['rosenbrock dim 4', getTestFunction('rosenbrock', { dim: 4 })],
  ['beale', getTestFunction('beale')],
  ['booth', getTestFunction('booth')],
  ['himmelblau', getTestFunction('himmelblau')],
  ['styblinski-tang', getTestFunction('styblinski-tang')],
  ['rastrigin', getTestFunction('rastrigin')],
  ['goldstein-price', getTestFunction('goldstein-price')],
  ['mccormick', getTestFunction('mccormick')],
  ['saddle', getTestFunction('saddle')],
  ['saddle q 0.1', getTestFunction('saddle', { q: 0.1 })],
  ['monkey-saddle', getTestFunction('monkey-saddle')],
  ['plateau', getTestFunction('plateau')],
];

/** A plain, comparable view of a result: arrays as arrays (toEqual tells −0 from 0 and NaN equals NaN). */
function plain(r: OptimizeResult): Record<string, unknown> {
  return {
    x: Array.from(r.x),
    fun: r.fun,
    grad: Array.from(r.grad),
    nit: r.nit,
    nfev: r.nfev,
    ngev: r.ngev,
    nhev: r.nhev,
    status: r.status,
    success: r.success,
    message: r.message,
  };
}

/** Runs a batch both ways and asserts that every run has minimize's bits. */
function expectSame(
  problem: BatchProblem,
  x0s: readonly (readonly number[])[],
  lr: readonly number[],
  options: Omit<LockstepOptions, 'lr'>,
): void {
  const r = minimizeLockstep(problem, x0s, { ...options, lr });
  expect(r.count).toBe(x0s.length);
  for (let i = 0; i < x0s.length; i++) {
    const alone = minimize(problem, x0s[i]!, { ...options, lr: lr[i] } as MinimizeOptions);
    expect(plain(r.result(i)), `run ${i}: x0 ${x0s[i]}, lr ${lr[i]}`).toEqual(plain(alone));
    let s = 0;
    for (const g of alone.grad) s += g * g;
    expect(r.gradNorm(i)).toBe(Math.sqrt(s));
  }
}

const methodOptions = (method: LockstepMethod): fc.Arbitrary<Partial<LockstepOptions>> => {
  switch (method) {
    case 'momentum':
    case 'nesterov':
      return fc.record({ momentum: fc.constantFrom(0, 0.5, 0.9) });
    case 'adagrad':
      return fc.record({ epsilon: fc.constantFrom(1e-10, 1e-3) });
    case 'rmsprop':
      return fc.record({
        rho: fc.constantFrom(0.5, 0.9),
        momentum: fc.constantFrom(0, 0.5),
        centered: fc.boolean(),
      });
    case 'adam':
      return fc.record({ beta1: fc.constantFrom(0.5, 0.9), beta2: fc.constantFrom(0.9, 0.999) });
    default:
      return fc.constant({});
  }
};

const schedules = fc.constantFrom<LockstepOptions['schedule']>(
  undefined,
  undefined,
  undefined,
  { type: 'step', every: 7, factor: 0.5 },
  { type: 'exponential', decay: 0.97 },
  { type: 'inverse-time', decay: 0.1 },
  { type: 'cosine', minLr: 1e-4 },
);

/** A batch: method, shared options and 1–20 runs (x0 in a box twice the domain, lr log-uniform 1e-4 … 2). */
function batch(tf: TestFunction, withGrad: boolean) {
  const n = tf.dim;
  const point = fc.tuple(
    ...tf.domain.map(([lo, hi]) =>
      fc.double({ min: 2 * lo - hi, max: 2 * hi - lo, noNaN: true, noDefaultInfinity: true }),
    ),
  );
  const lr = fc.double({ min: -4, max: Math.log10(2), noNaN: true }).map((e) => 10 ** e);
  return fc
    .constantFrom(...LOCKSTEP_METHODS)
    .chain((method) =>
      fc.record({
        method: fc.constant(method),
        extra: methodOptions(method),
        runs: fc.array(fc.tuple(point, lr), { minLength: 1, maxLength: 20 }),
        gradient: withGrad
          ? fc.constantFrom('numerical' as const, 'analytic' as const)
          : fc.constant(undefined),
        maxIter: fc.integer({ min: 0, max: 150 }),
        tol: fc.constantFrom(0, 0, 1e-8, 1e-3, 0.5),
        maxfev: fc.constantFrom(undefined, undefined, undefined, 1, 5 + 2 * n, 200),
        schedule: schedules,
        h: fc.constantFrom(undefined, undefined, 1e-3),
      }),
    )
    .map(({ method, extra, runs, gradient, maxIter, tol, maxfev, schedule, h }) => {
      const options: Record<string, unknown> = { method, ...extra, maxIter, tol };
      if (gradient !== undefined) options.gradient = gradient;
      if (maxfev !== undefined) options.maxfev = maxfev;
      if (schedule !== undefined) options.schedule = schedule;
      if (h !== undefined && gradient !== 'analytic') options.h = h;
      expect(runs[0]![0].length).toBe(n);
      return {
        x0s: runs.map((r) => r[0] as readonly number[]),
        lr: runs.map((r) => r[1]),
        options: options as Omit<LockstepOptions, 'lr'>,
      };
    });
}

describe('minimizeLockstep(problem, x0s, options) has the bits of minimize run by run', () => {
  it('covers every function of the core registry', () => {
    const names = new Set(PROBLEMS.map(([, tf]) => tf.name));
    expect([...names].sort()).toEqual(Object.keys(testFunctions).sort() as TestFunctionName[]);
  });

  it.each(PROBLEMS)('on %s (fBatch/gradBatch where it has them; random x0, lr, method, options)', (_, tf) => {
    fc.assert(
      fc.property(batch(tf, true), ({ x0s, lr, options }) => {
        expectSame(tf, x0s, lr, options);
      }),
      { numRuns: 40 },
    );
  });

  it.each(PROBLEMS)('on %s as a user objective (f and grad called point by point)', (_, tf) => {
    const user: Problem = { f: (x) => tf.f(x), grad: (x, out) => tf.grad(x, out) };
    fc.assert(
      fc.property(batch(tf, true), ({ x0s, lr, options }) => {
        expectSame(user, x0s, lr, options);
      }),
      { numRuns: 10 },
    );
  });

  it.each(PROBLEMS.filter(([, tf]) => tf.dim === 2))(
    'on %s with f of two numbers (f2: one pass per step, f inline)',
    (_, tf) => {
      const x = new Float64Array(2);
      const withF2: BatchProblem = {
        ...tf,
        f2: (a, b) => {
          x[0] = a;
          x[1] = b;
          return tf.f(x);
        },
      };
      // Gradient descent with a constant lr and the numerical gradient: the runs f2 serves.
      fc.assert(
        fc.property(batch(tf, true), ({ x0s, lr, options }) => {
          const {
            momentum: _m,
            epsilon: _e,
            rho: _r,
            centered: _c,
            beta1: _b1,
            beta2: _b2,
            ...rest
          } = options as Record<string, unknown>;
          const gd = { ...rest, method: 'gradient-descent', gradient: 'numerical', schedule: undefined };
          expectSame(withF2, x0s, lr, gd as Omit<LockstepOptions, 'lr'>);
        }),
        { numRuns: 30 },
      );
    },
  );

  it('refuses an f2 that does not give f’s value', () => {
    const tf = getTestFunction('sphere');
    const wrong: BatchProblem = { ...tf, f2: (a, b) => a * a + b * b + 1e-12 };
    expect(() => minimizeLockstep(wrong, [[1, 2]], { gradient: 'numerical' })).toThrow(/invalid f2/);
  });

  it('on the notebook’s function_2 without a gradient: the bench sweep’s runs, 1,000 steps', () => {
    const f2: Problem = { f: (x) => x[0]! * x[0]! + x[1]! * x[1]! };
    const x0s: number[][] = [];
    const lr: number[] = [];
    for (const l of [0.001, 0.1, 0.46415888336127775, 1]) {
      for (const a of [-4, -1.25, 0, 3.5]) {
        x0s.push([a, -a / 2]);
        lr.push(l);
      }
    }
    expectSame(f2, x0s, lr, { maxIter: 1000 });
    const r = minimizeLockstep(getTestFunction('sphere'), x0s, { lr, maxIter: 1000, gradient: 'numerical' });
    // lr ≈ 0.46 reaches an exactly zero numerical gradient early; lr = 1 bounces between x0 and −x0.
    expect(r.statusOf(8)).toBe('converged');
    expect(r.nit[8]).toBeLessThan(40);
    expect(r.statusOf(12)).toBe('max-iter');
    expect(r.nit[12]).toBe(1000);
  });

  it('a large batch whose runs end at many different steps (kept, masked, until an eighth has ended)', () => {
    const tf = getTestFunction('himmelblau');
    const x0s: number[][] = [];
    const lr: number[] = [];
    for (let i = 0; i < 300; i++) {
      x0s.push([-5 + (10 * ((i * 37) % 300)) / 299, -5 + (10 * ((i * 101) % 300)) / 299]);
      lr.push(10 ** (-3.5 + (2.5 * ((i * 53) % 300)) / 299));
    }
    for (const options of [
      { maxIter: 400, tol: 1e-6, gradient: 'numerical' },
      { maxIter: 400, tol: 1e-6 },
      { maxIter: 400, tol: 1e-6, method: 'momentum', momentum: 0.5 },
      { maxIter: 400, tol: 1e-6, method: 'adam', gradient: 'numerical' },
    ] as const) {
      expectSame(tf, x0s, lr, options);
      const r = minimizeLockstep(tf, x0s, { ...options, lr });
      const ends = new Set(Array.from(r.nit));
      expect(ends.size).toBeGreaterThan(20);
    }
  });

  it('where x ± h does not step 2h (|x| ~ 1e13): core’s off-step bits and the fast loop’s extra counts', () => {
    const tf = getTestFunction('sphere');
    const x0s = [
      [1e13, 1],
      [1, -3e13],
      [1e300, 1],
      [2, 3],
    ];
    const lr = [1e-6, 1e-6, 1e-320, 0.1];
    expectSame(tf, x0s, lr, { maxIter: 40, gradient: 'numerical' });
    expectSame(tf, x0s, lr, { maxIter: 40, gradient: 'numerical', method: 'momentum' });
    const f2 = (a: number, b: number) => a * a + b * b;
    expectSame({ ...tf, f2 }, x0s, lr, { maxIter: 40, gradient: 'numerical' });
    const r = minimizeLockstep(tf, x0s, { lr, maxIter: 40, gradient: 'numerical' });
    // The specialised loop counts the coordinates redone by core: 2j more per gradient.
    expect(r.nfev[1]).toBeGreaterThan(r.nfev[3]!);
  });

  it('stops each run by its own rule: converged, max-iter, diverged, stalled, non-finite, maxfev', () => {
    const tf = getTestFunction('sphere');
    const x0s = [
      [0, 0],
      [1, 2],
      [1, 2],
      [1e10, 1],
      [1, 1],
    ];
    const lr = [0.1, 0.1, 1.5, 1e-30, 1];
    expectSame(tf, x0s, lr, { maxIter: 2000, tol: 1e-9 });
    const r = minimizeLockstep(tf, x0s, { lr, maxIter: 2000, tol: 1e-9 });
    expect(Array.from({ length: 5 }, (_, i) => r.statusOf(i))).toEqual([
      'converged',
      'converged',
      'diverged',
      'stalled',
      'max-iter',
    ]);
    const nan: Problem = { f: (x) => (x[0]! > 5 ? Number.NaN : x[0]! ** 2) };
    expectSame(nan, [[6], [1], [4]], [0.1, 0.1, -2 / 8 + 1], { maxIter: 50 });
    expect(minimizeLockstep(nan, [[6]], {}).statusOf(0)).toBe('non-finite');
    const budget = { maxfev: 30, maxIter: 100, gradient: 'numerical' } as const;
    const spent = minimizeLockstep(tf, [[1, 2]], budget);
    expect(spent.statusOf(0)).toBe('max-iter');
    expect(spent.messageOf(0)).toBe(MAXFEV_MESSAGE);
    // 1 + 4 for f(x₀) and ∇f(x₀), 4 a step: the budget is spent after 7 steps, then the final f.
    expect([spent.nit[0], spent.nfev[0]]).toEqual([7, 34]);
    expectSame(tf, [[1, 2]], [0.01], budget);
    expectSame(tf, [[1, 2]], [0.01], { ...budget, method: 'adam' });
  });

  it('takes one lr per run and coordinate: x ← x − ηⱼ gⱼ (the same as per-run lr when equal)', () => {
    // f(a, b) = ½(ab − 1)², ∂f/∂a = (ab − 1)b, ∂f/∂b = (ab − 1)a
    const prod: Problem = {
      f: (x) => 0.5 * (x[0]! * x[1]! - 1) ** 2,
      grad: (x, out = new Float64Array(2)) => {
        const r = x[0]! * x[1]! - 1;
        out[0] = r * x[1]!;
        out[1] = r * x[0]!;
        return out;
      },
    };
    const r = minimizeLockstep(prod, [[0.5, 1.5]], { lr: [0.1, 0.3], maxIter: 1 });
    const res = 0.5 * 1.5 - 1;
    expect(Array.from(r.x)).toEqual([0.5 - 0.1 * (res * 1.5), 1.5 - 0.3 * (res * 0.5)]);
    const same = minimizeLockstep(
      prod,
      [
        [0.5, 1.5],
        [2, -1],
      ],
      { lr: [0.2, 0.2, 0.05, 0.05], maxIter: 50 },
    );
    const per = minimizeLockstep(
      prod,
      [
        [0.5, 1.5],
        [2, -1],
      ],
      { lr: [0.2, 0.05], maxIter: 50 },
    );
    expect(Array.from(same.x)).toEqual(Array.from(per.x));
    expect(Array.from(same.nfev)).toEqual(Array.from(per.nfev));
  });

  it('refuses what minimize refuses, and what it cannot run in lockstep', () => {
    const tf = getTestFunction('sphere');
    expect(() => minimizeLockstep(tf, [[1, 2]], { lr: [-0.1] })).toThrow('invalid lr: -0.1');
    expect(() => minimizeLockstep(tf, [[1, 2]], { lr: [0.1, 0.2, 0.3] })).toThrow(/invalid lr/);
    expect(() => minimizeLockstep(tf, [[1, 2], [1]], {})).toThrow(/invalid x0s\[1\]/);
    expect(() =>
      minimizeLockstep(
        tf,
        [
          [1, 2],
          [1, Number.NaN],
        ],
        {},
      ),
    ).toThrow(/not finite/);
    expect(() => minimizeLockstep(tf, [[1, 2, 3]], {})).toThrow(/invalid x0/);
    expect(() => minimizeLockstep(tf, [], {})).toThrow(/invalid x0s/);
    expect(() => minimizeLockstep(tf, [[1, 2]], { method: 'bfgs' as LockstepMethod })).toThrow(
      /invalid method: "bfgs"/,
    );
    expect(() => minimizeLockstep(tf, [[1, 2]], { lineSearch: 'backtracking' } as LockstepOptions)).toThrow(
      /invalid lineSearch/,
    );
    expect(() => minimizeLockstep(tf, [[1, 2]], { beta1: 0.5 })).toThrow(
      /gradient-descent does not use beta1/,
    );
    expect(() =>
      minimizeLockstep(tf, [[1, 2]], { callback: () => true } as unknown as LockstepOptions),
    ).toThrow(/invalid callback/);
    const bad: Problem = { f: () => 'one' as unknown as number };
    expect(() => minimizeLockstep(bad, [[1]], {})).toThrow(TypeError);
  });
});

/** The double next to s ≥ 0 upwards (finite s). */
function nextUp(s: number): number {
  if (s === 0) return Number.MIN_VALUE;
  const f = new Float64Array([s]);
  const u = new BigUint64Array(f.buffer);
  u[0] = u[0]! + 1n;
  return f[0]!;
}

describe('the f2 pass: its cheap guards are the full tests, and every path keeps minimize’s bits', () => {
  const tolerances = [
    0,
    -0,
    Number.MIN_VALUE,
    1e-310,
    1e-160,
    1e-8,
    1e-3,
    0.5,
    1,
    3,
    1e150,
    1.3407807929942596e154,
    1e155,
    Number.MAX_VALUE,
  ];

  it('sqrtBound(tol) is the largest s with Math.sqrt(s) ≤ tol: s ≤ it is exactly √s ≤ tol', () => {
    const check = (tol: number, s: number) => {
      expect(s <= sqrtBound(tol), `tol ${tol}, s ${s}`).toBe(Math.sqrt(s) <= tol);
    };
    for (const tol of tolerances) {
      const t = sqrtBound(tol);
      expect(Math.sqrt(t) <= tol, `tol ${tol}`).toBe(true);
      if (t < Number.MAX_VALUE) expect(Math.sqrt(nextUp(t)) > tol, `tol ${tol}`).toBe(true);
      for (const s of [0, t, nextUp(t), tol * tol, Number.POSITIVE_INFINITY, Number.NaN]) check(tol, s);
    }
    expect(sqrtBound(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(sqrtBound(-1)).toBe(Number.NEGATIVE_INFINITY);
    expect(sqrtBound(Number.NaN)).toBe(Number.NEGATIVE_INFINITY);
    fc.assert(
      fc.property(
        fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (tol, r) => {
          const t = sqrtBound(tol);
          expect(Math.sqrt(t) <= tol).toBe(true);
          if (t < Number.MAX_VALUE) expect(Math.sqrt(nextUp(t)) > tol).toBe(true);
          check(tol, tol * tol * r);
          check(tol, t);
          check(tol, nextUp(t));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('twoHBound(h): every |x| up to it steps 2h to √ε (the test of gradientDescent’s loop and core’s kernel)', () => {
    const steps2h = (x: number, h: number) => {
      const hi = x + h;
      const lo = x - h;
      const e = hi - lo - 2 * h;
      const tol = Math.sqrt(Number.EPSILON) * (2 * h);
      return e <= tol && e >= -tol;
    };
    for (const h of [2 ** -900, 1e-200, 1e-8, 1e-4, 1e-3, 0.5, 1, 3, 1e100, 2 ** 900]) {
      const b = twoHBound(h);
      expect(b).toBe(h * 2 ** 24);
      for (const x of [0, -0, Number.MIN_VALUE, h / 3, h, 2 * h, b / 7, b / 2, b, -b, 0.999999 * b]) {
        expect(steps2h(x, h), `h ${h}, x ${x}`).toBe(true);
      }
    }
    for (const h of [Number.MIN_VALUE, 2 ** -901, 2 ** 901, Number.MAX_VALUE]) expect(twoHBound(h)).toBe(-1);
    fc.assert(
      fc.property(
        fc.double({ min: -900, max: 900, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (e, r) => {
          const h = 2 ** e * 1.2345;
          const b = twoHBound(h);
          if (b < 0) return;
          expect(steps2h(r * b, h)).toBe(true);
          expect(steps2h(b * 2 ** -Math.abs(60 * r), h)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('off the guard: x where x ± h may or may not step 2h (around twoHBound(h) and beyond), several h', () => {
    const tf = getTestFunction('sphere');
    const sphere: BatchProblem = { ...tf, f2: (a, b) => a * a + b * b };
    for (const h of [1e-4, 1e-3, 1e-7]) {
      const bound = twoHBound(h);
      const x0s: number[][] = [];
      const lr: number[] = [];
      for (const c of [0.5, 0.999, 1, 1.001, 2, 7, 100, 1e4, 1e6, 3e7, 1e9]) {
        x0s.push([c * bound, 1], [-1, -c * bound], [c * bound, c * bound], [0.3, 0.4]);
        lr.push(1e-9, 1e-7, 3e-10, 0.1);
      }
      expectSame(sphere, x0s, lr, { maxIter: 40, gradient: 'numerical', h });
    }
  });

  it('stalled at every step from 0 to 40 (16 and 32 are f-test steps): one run ends each step', () => {
    // x = 1 − j·2⁻⁵³ climbs by an ulp a step (the step is 0.75 ulp) until it reaches 1, where the ulp
    // doubles and the same step no longer moves it: 'stalled' after j steps.
    const f2 = (a: number, b: number) => -(a + b);
    const lin: BatchProblem = { f: (x) => -(x[0]! + x[1]!), f2 };
    const x0s: number[][] = [];
    for (let j = 0; j <= 40; j++) x0s.push([1 - j * 2 ** -53, 1 - j * 2 ** -53]);
    const lr = x0s.map(() => 0.75 * 2 ** -53);
    expectSame(lin, x0s, lr, { maxIter: 100, gradient: 'numerical' });
    const r = minimizeLockstep(lin, x0s, { lr, maxIter: 100, gradient: 'numerical' });
    expect(Array.from(r.nit)).toEqual(x0s.map((_, j) => j));
    expect(new Set(x0s.map((_, i) => r.statusOf(i)))).toEqual(new Set(['stalled']));
  });

  it('diverged and non-finite at many steps: x not finite, f over its bound, ∇f or f not finite', () => {
    const tf = getTestFunction('sphere');
    const sphere: BatchProblem = { ...tf, f2: (a, b) => a * a + b * b };
    const x0s: number[][] = [];
    const lr: number[] = [];
    for (let i = 0; i < 60; i++) {
      x0s.push([1 + i / 7, -0.5 - i / 11]);
      lr.push([1.01, 1.2, 1.5, 3, 1e3, 1e150, 1e300][i % 7]! * (1 + i / 100));
    }
    // x − ηg overflows: x not finite after the step ('diverged' before f is tested).
    x0s.push([1e9, 1], [1, -3e8], [1e5, 1e5], [1000, 2], [-3, 1500]);
    lr.push(1e300, 1e301, 1e304, 1e305, 1e306);
    expectSame(sphere, x0s, lr, { maxIter: 300, gradient: 'numerical' });
    const overflow = minimizeLockstep(sphere, x0s.slice(-5), { lr: lr.slice(-5), gradient: 'numerical' });
    for (let i = 0; i < 5; i++) {
      expect([
        overflow.statusOf(i),
        overflow.nit[i],
        overflow.x.slice(2 * i, 2 * i + 2).some((v) => !Number.isFinite(v)),
      ]).toEqual(['diverged', 1, true]);
    }
    // Over the bound, or f NaN (on the diagonal, inside |x| < 0.5) with ∇f finite, while x stays small:
    // found by the f test every 16 steps in the pass.
    const steep = (a: number, b: number) => 1e30 * (a * a + b * b);
    const diagonal = (a: number, b: number) => (a === b && Math.abs(a) < 0.5 ? Number.NaN : a * a + b * b);
    for (const [f2, scale] of [
      [steep, 1e-30],
      [diagonal, 1],
    ] as const) {
      const problem: BatchProblem = { f: (x) => f2(x[0]!, x[1]!), f2 };
      const y0s: number[][] = [];
      const lr2: number[] = [];
      for (let i = 0; i < 40; i++) {
        const v = f2 === steep ? 10 ** (-12 + i / 8) : 1 + i / 10;
        y0s.push([v, f2 === steep ? -v / 3 : v]);
        lr2.push(scale * [0.05, 0.1, 0.3, 1.1, 1.3, 1.6][i % 6]!);
      }
      expectSame(problem, y0s, lr2, { maxIter: 200, gradient: 'numerical' });
      const r = minimizeLockstep(problem, y0s, { lr: lr2, maxIter: 200, gradient: 'numerical' });
      const ended = y0s.filter((_, i) => r.statusOf(i) === (f2 === steep ? 'diverged' : 'non-finite'));
      expect(ended.length).toBeGreaterThan(10);
    }
    // −x² away from 0 until x passes 5, where f is NaN (or −∞): ∇f not finite at an ordinary step.
    for (const edge of [Number.NaN, Number.NEGATIVE_INFINITY]) {
      const f2 = (a: number, b: number) => (a > 5 ? edge : -(a * a) - b * b);
      const hill: BatchProblem = { f: (x) => f2(x[0]!, x[1]!), f2 };
      const y0s: number[][] = [];
      const lr2: number[] = [];
      for (let i = 0; i < 60; i++) {
        y0s.push([0.5 + i / 40, 0.25]);
        lr2.push(0.005 + i / 300);
      }
      expectSame(hill, y0s, lr2, { maxIter: 200, gradient: 'numerical' });
      const r = minimizeLockstep(hill, y0s, { lr: lr2, maxIter: 200, gradient: 'numerical' });
      const ends = new Set(Array.from(r.nit).filter((_, i) => r.statusOf(i) !== 'max-iter'));
      expect(ends.size).toBeGreaterThan(10);
    }
  });

  it('a large batch ending at many steps, with tol, maxfev and one lr per run and coordinate', () => {
    const tf = getTestFunction('himmelblau');
    const x = new Float64Array(2);
    const withF2: BatchProblem = {
      ...tf,
      f2: (a, b) => {
        x[0] = a;
        x[1] = b;
        return tf.f(x);
      },
    };
    const x0s: number[][] = [];
    const lr: number[] = [];
    for (let i = 0; i < 300; i++) {
      x0s.push([-5 + (10 * ((i * 37) % 300)) / 299, -5 + (10 * ((i * 101) % 300)) / 299]);
      lr.push(10 ** (-3.5 + (2.5 * ((i * 53) % 300)) / 299));
    }
    for (const options of [
      { maxIter: 400, tol: 1e-6, gradient: 'numerical' },
      { maxIter: 400, tol: 1e-3, gradient: 'numerical', maxfev: 700 },
    ] as const) {
      expectSame(withF2, x0s, lr, options);
      const r = minimizeLockstep(withF2, x0s, { ...options, lr });
      expect(new Set(Array.from(r.nit)).size).toBeGreaterThan(20);
    }
    // One lr per run and coordinate: as the batched path (no f2) gives it.
    const perCoord = lr.flatMap((l, i) => [l, i % 3 === 0 ? l / 2 : l]);
    const options = { maxIter: 200, tol: 1e-6, gradient: 'numerical', lr: perCoord } as const;
    const a = minimizeLockstep(withF2, x0s, options);
    const b = minimizeLockstep(tf, x0s, options);
    for (let i = 0; i < x0s.length; i++) expect(plain(a.result(i))).toEqual(plain(b.result(i)));
  });
});
