import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { TestFunction } from '../src/testFunctions/_types.ts';
import { beale } from '../src/testFunctions/beale.ts';
import { booth } from '../src/testFunctions/booth.ts';
import { function1 } from '../src/testFunctions/function1.ts';
import { goldsteinPrice } from '../src/testFunctions/goldsteinPrice.ts';
import { himmelblau } from '../src/testFunctions/himmelblau.ts';
import { illConditionedQuadratic } from '../src/testFunctions/illConditionedQuadratic.ts';
import { leastSquares } from '../src/testFunctions/leastSquares.ts';
import { mccormick } from '../src/testFunctions/mccormick.ts';
import { monkeySaddle } from '../src/testFunctions/monkeySaddle.ts';
import { plateau } from '../src/testFunctions/plateau.ts';
import { quadratic } from '../src/testFunctions/quadratic.ts';
import { rastrigin } from '../src/testFunctions/rastrigin.ts';
import { rosenbrock } from '../src/testFunctions/rosenbrock.ts';
import { saddle } from '../src/testFunctions/saddle.ts';
import { function2, sphere } from '../src/testFunctions/sphere.ts';
import { styblinskiTang } from '../src/testFunctions/styblinskiTang.ts';
import { maxAbs, maxAbsDiff, pointIn, refGradient, refJacobian, rng } from './_helpers.ts';

const v = (...xs: number[]): Float64Array => Float64Array.from(xs);

// A random symmetric positive-definite 3×3 matrix, B·Bᵀ + I.
const spd = [
  [4.2, 1.1, -0.7],
  [1.1, 3.5, 0.4],
  [-0.7, 0.4, 2.9],
];

const cases: [string, TestFunction][] = [
  ['function1()', function1()],
  ['sphere()', sphere()],
  ['sphere(5)', sphere(5)],
  ['function2()', function2()],
  ['quadratic(spd, b, 2)', quadratic(spd, [1, -2, 0.5], 2)],
  [
    'quadratic(indefinite)',
    quadratic(
      [
        [1, 3],
        [3, -1],
      ],
      [1, 1],
    ),
  ],
  ['illConditionedQuadratic(100)', illConditionedQuadratic(100)],
  ['illConditionedQuadratic(1e4, 4)', illConditionedQuadratic(1e4, 4)],
  [
    'leastSquares(4×3)',
    leastSquares(
      [
        [1, 2, 0],
        [0, 1, -1],
        [3, 0, 1],
        [1, 1, 1],
      ],
      [1, 2, 3, 4],
    ),
  ],
  [
    'leastSquares(rank 1)',
    leastSquares(
      [
        [1, 1],
        [2, 2],
      ],
      [1, 1],
    ),
  ],
  ['rosenbrock()', rosenbrock()],
  ['rosenbrock(5)', rosenbrock(5)],
  ['beale()', beale()],
  ['booth()', booth()],
  ['himmelblau()', himmelblau()],
  ['styblinskiTang()', styblinskiTang()],
  ['styblinskiTang(3)', styblinskiTang(3)],
  ['rastrigin()', rastrigin()],
  ['rastrigin(3)', rastrigin(3)],
  ['goldsteinPrice()', goldsteinPrice()],
  ['mccormick()', mccormick()],
  ['saddle()', saddle()],
  ['saddle(0.1)', saddle(0.1)],
  ['monkeySaddle()', monkeySaddle()],
  ['plateau()', plateau()],
];

describe.each(cases)('%s', (_label, tf) => {
  it('has a consistent shape: domain and minima of length dim, lo < hi', () => {
    expect(tf.domain).toHaveLength(tf.dim);
    for (const [lo, hi] of tf.domain) expect(lo).toBeLessThan(hi);
    for (const m of tf.minima) expect(m.x).toHaveLength(tf.dim);
  });

  it('f at each listed minimum equals its f, the gradient vanishes and the Hessian is PSD there', () => {
    for (const m of tf.minima) {
      const x = Float64Array.from(m.x);
      const scale = Math.max(1, Math.abs(m.f));
      expect(Math.abs(tf.f(x) - m.f)).toBeLessThanOrEqual(1e-13 * scale);
      expect(maxAbs(tf.grad(x))).toBeLessThan(1e-11 * scale);
      const eig = new EigenvalueDecomposition(toMl(tf.hess(x).data, tf.dim), { assumeSymmetric: true });
      expect(Math.min(...eig.realEigenvalues)).toBeGreaterThanOrEqual(-1e-12);
    }
  });

  it('grad(x) and hess(x) agree with central differences at 6 random points of the domain', () => {
    const rand = rng(tf.dim * 7919 + tf.name.length);
    for (let k = 0; k < 6; k++) {
      const x = pointIn(tf.domain, rand);
      const g = tf.grad(x);
      const gRef = refGradient(tf.f, x);
      const gScale = Math.max(1, maxAbs(g), Math.abs(tf.f(x)) * 1e-3);
      expect(maxAbsDiff(g, gRef) / gScale, `grad at ${x}`).toBeLessThan(1e-7);
      const H = tf.hess(x);
      expect([H.rows, H.cols]).toEqual([tf.dim, tf.dim]);
      const hRef = refJacobian((y) => tf.grad(y), x);
      const hScale = Math.max(1, maxAbs(H.data), maxAbs(g) * 1e-3);
      expect(maxAbsDiff(H.data, hRef) / hScale, `hess at ${x}`).toBeLessThan(1e-7);
      for (let i = 0; i < tf.dim; i++) {
        for (let j = 0; j < i; j++) expect(H.data[i * tf.dim + j]).toBe(H.data[j * tf.dim + i]);
      }
    }
  });

  it('grad(x, out) writes into out and returns it; f and grad leave x untouched', () => {
    const x = pointIn(tf.domain, rng(1));
    const copy = x.slice();
    const out = new Float64Array(tf.dim).fill(Number.NaN);
    const fx = tf.f(x);
    expect(tf.grad(x, out)).toBe(out);
    expect(out).toEqual(tf.grad(x));
    expect(tf.f(x)).toBe(fx);
    expect(x).toEqual(copy);
  });

  it('hess(x, out) overwrites every entry of out with hess(x)’s bits and returns out', () => {
    const rand = rng(tf.dim * 31 + 7);
    const n = tf.dim;
    // One out for several points, filled with NaN first: an entry left unwritten shows.
    const out = { rows: n, cols: n, data: new Float64Array(n * n).fill(Number.NaN) };
    for (let k = 0; k < 4; k++) {
      const x = pointIn(tf.domain, rand);
      const copy = x.slice();
      const fresh = tf.hess(x);
      expect(tf.hess(x, out)).toBe(out);
      expect(Array.from(out.data, (v) => (Object.is(v, -0) ? '-0' : v))).toEqual(
        Array.from(fresh.data, (v) => (Object.is(v, -0) ? '-0' : v)),
      );
      expect(x).toEqual(copy);
      out.data.fill(k % 2 ? Number.NaN : 1e300);
    }
  });
});

function toMl(data: Float64Array, n: number): MlMatrix {
  return new MlMatrix(Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * n, (i + 1) * n))));
}

describe('function1 (the notebook function_1)', () => {
  it('function1().f(5) is 0.01·25 + 0.5 = 0.75 and the slope there is 0.2', () => {
    expect(function1().f(v(5))).toBe(0.75);
    expect(function1().grad(v(5))[0]).toBeCloseTo(0.2, 15);
    expect(function1().f(v(10))).toBe(2);
  });
});

describe('sphere / function2', () => {
  it('sphere().f([3, 4]) is 25 and sphere(3).grad([1, 2, 3]) is [2, 4, 6]', () => {
    expect(sphere().f(v(3, 4))).toBe(25);
    expect(function2().f(v(3, 4))).toBe(25);
    expect(sphere(3).grad(v(1, 2, 3))).toEqual(v(2, 4, 6));
  });
  it('sphere(dim) rejects a dimension that is not a positive integer', () => {
    expect(() => sphere(0)).toThrow(new RangeError('invalid dim: 0 (expected an integer >= 1)'));
    expect(() => sphere(1.5)).toThrow(RangeError);
    expect(() => sphere('2' as unknown as number)).toThrow(TypeError);
  });
});

describe('quadratic', () => {
  it('quadratic([[2, 0], [0, 4]], [2, 4], 1) has minimum f = -2 at [1, 1]', () => {
    const q = quadratic(
      [
        [2, 0],
        [0, 4],
      ],
      [2, 4],
      1,
    );
    const m = q.minima[0]!;
    expect(q.minima).toHaveLength(1);
    expect(m.x[0]).toBeCloseTo(1, 15);
    expect(m.x[1]).toBeCloseTo(1, 15);
    expect(m.f).toBeCloseTo(-2, 15);
    expect(q.f(v(1, 1))).toBe(-2);
    expect(q.grad(v(0, 0))).toEqual(v(-2, -4));
    expect(q.domain).toEqual([
      [-5, 6],
      [-5, 6],
    ]);
  });
  it('quadratic(spd, b) minimiser solves A·x = b', () => {
    const b = [1, -2, 0.5];
    const x = quadratic(spd, b).minima[0]!.x;
    for (let i = 0; i < 3; i++) {
      expect(spd[i]![0]! * x[0]! + spd[i]![1]! * x[1]! + spd[i]![2]! * x[2]!).toBeCloseTo(b[i]!, 14);
    }
  });
  it('quadratic lists no minimum for an indefinite or singular A', () => {
    expect(
      quadratic(
        [
          [1, 3],
          [3, -1],
        ],
        [1, 1],
      ).minima,
    ).toEqual([]);
    expect(
      quadratic(
        [
          [1, 1],
          [1, 1],
        ],
        [1, 1],
      ).minima,
    ).toEqual([]);
  });
  it('quadratic accepts a row-major Matrix and rejects bad A, b, c', () => {
    const q = quadratic({ rows: 2, cols: 2, data: v(2, 1, 1, 2) }, [0, 0]);
    expect(q.hess(v(0, 0)).data).toEqual(v(2, 1, 1, 2));
    expect(() => quadratic([[1, 2]], [1])).toThrow(/invalid A: .*square/);
    expect(() =>
      quadratic(
        [
          [1, 2],
          [0, 1],
        ],
        [1, 1],
      ),
    ).toThrow(/invalid A: .*not symmetric: A\[0\]\[1\] = 2/);
    expect(() =>
      quadratic(
        [
          [1, 0],
          [0, 1],
        ],
        [1],
      ),
    ).toThrow(/invalid b: \[1\] \(expected 2 entries, got 1\)/);
    expect(() =>
      quadratic(
        [
          [1, 0],
          [0, Number.NaN],
        ],
        [1, 1],
      ),
    ).toThrow('invalid A[1][1]: NaN');
    expect(() =>
      quadratic(
        [
          [1, 0],
          [0, 1],
        ],
        [1, 1],
        Number.POSITIVE_INFINITY,
      ),
    ).toThrow(RangeError);
  });
});

describe('illConditionedQuadratic', () => {
  it('illConditionedQuadratic(100) is ½(x² + 100y²): Hessian diag(1, 100)', () => {
    const q = illConditionedQuadratic(100);
    expect(q.hess(v(0, 0)).data).toEqual(v(1, 0, 0, 100));
    expect(q.f(v(1, 1))).toBe(50.5);
  });
  it('illConditionedQuadratic(100, 3) has eigenvalues 1, 10, 100', () => {
    const d = illConditionedQuadratic(100, 3).hess(v(0, 0, 0)).data;
    expect([d[0], d[4], d[8]]).toEqual([1, 10, 100]);
  });
  it('illConditionedQuadratic rejects kappa < 1, NaN and dim < 2', () => {
    expect(() => illConditionedQuadratic(0.5)).toThrow('invalid kappa: 0.5');
    expect(() => illConditionedQuadratic(Number.NaN)).toThrow(RangeError);
    expect(() => illConditionedQuadratic(10, 1)).toThrow('invalid dim: 1');
  });
});

describe('leastSquares', () => {
  it('leastSquares fits the line through (0, 1), (1, 3), (2, 5): x* = [1, 2], f* = 0', () => {
    const ls = leastSquares(
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
      [1, 3, 5],
    );
    const m = ls.minima[0]!;
    expect(m.x[0]).toBeCloseTo(1, 13);
    expect(m.x[1]).toBeCloseTo(2, 13);
    expect(m.f).toBeLessThan(1e-26);
  });
  it('leastSquares with residual: NumPy lstsq of [[1,0],[1,1],[1,2]] \\ [1, 2, 2] is [7/6, 1/2], f* = 1/12', () => {
    const m = leastSquares(
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
      [1, 2, 2],
    ).minima[0]!;
    expect(m.x[0]).toBeCloseTo(7 / 6, 14);
    expect(m.x[1]).toBeCloseTo(0.5, 14);
    expect(m.f).toBeCloseTo(1 / 12, 15);
  });
  it('leastSquares of a rank-deficient A lists the minimum-norm solution', () => {
    const m = leastSquares(
      [
        [1, 1],
        [1, 1],
      ],
      [2, 2],
    ).minima[0]!;
    expect(m.x[0]).toBeCloseTo(1, 14);
    expect(m.x[1]).toBeCloseTo(1, 14);
  });
  it('leastSquares of a wide A (2×3) has f* = 0', () => {
    const ls = leastSquares(
      [
        [1, 0, 1],
        [0, 1, 1],
      ],
      [1, 2],
    );
    expect(ls.dim).toBe(3);
    expect(ls.minima[0]!.f).toBeLessThan(1e-28);
  });
  it('leastSquares rejects a b of the wrong length', () => {
    expect(() =>
      leastSquares(
        [
          [1, 0],
          [0, 1],
        ],
        [1, 2, 3],
      ),
    ).toThrow('invalid b: [1, 2, 3] (expected 2 entries, got 3)');
  });
});

describe('rosenbrock', () => {
  it('rosenbrock() agrees bit for bit with scipy.optimize.rosen/rosen_der/rosen_hess at (-1.2, 1)', () => {
    const r = rosenbrock();
    const x = v(-1.2, 1);
    expect(r.f(x)).toBe(24.199999999999996);
    expect(r.grad(x)).toEqual(v(-215.6, -87.99999999999999));
    expect(r.hess(x).data).toEqual(v(1330, 480, 480, 200));
  });
  it('rosenbrock(4) agrees bit for bit with SciPy at (0.5, -0.3, 1.7, 2.2)', () => {
    const r = rosenbrock(4);
    const x = v(0.5, -0.3, 1.7, 2.2);
    expect(r.f(x)).toBe(339.49999999999983);
    expect(r.grad(x)).toEqual(
      v(109.00000000000001, 80.59999999999998, 792.5999999999996, -137.9999999999999),
    );
    expect(r.hess(x).data).toEqual(
      v(422, -200, 0, 0, -200, -370, 120, 0, 0, 120, 2789.9999999999995, -680, 0, 0, -680, 200),
    );
  });
  it('rosenbrock(1) is a RangeError', () => {
    expect(() => rosenbrock(1)).toThrow('invalid dim: 1 (expected an integer >= 2)');
  });
});

describe('fixed 2-D functions', () => {
  it('beale, booth, goldsteinPrice and mccormick take their textbook values at their minima', () => {
    expect(beale().f(v(3, 0.5))).toBe(0);
    expect(booth().f(v(1, 3))).toBe(0);
    expect(goldsteinPrice().f(v(0, -1))).toBe(3);
    expect(mccormick().f(v(-0.54719, -1.54719))).toBeCloseTo(-1.91322, 5);
  });
  it('goldsteinPrice().f(0, 0) = 1 + 19 · (30 + 0) = 600', () => {
    expect(goldsteinPrice().f(v(0, 0))).toBe(600);
  });
  it('himmelblau has four global minima, all distinct, at f = 0', () => {
    const h = himmelblau();
    expect(h.minima).toHaveLength(4);
    for (const m of h.minima) expect(h.f(Float64Array.from(m.x))).toBeLessThan(1e-26);
    expect(h.minima[1]!.x[0]).toBeCloseTo(-2.805118086952745, 14);
    expect(h.minima[3]!.x[1]).toBeCloseTo(-1.848126526964404, 14);
  });
  it('styblinskiTang(n) minimum is -39.16616570377141 · n', () => {
    expect(styblinskiTang(1).minima[0]!.f).toBe(-39.16616570377141);
    expect(styblinskiTang(3).minima[0]!.f).toBeCloseTo(-117.49849711131425, 12);
  });
  it('rastrigin().f([1, 1]) is 2 (cos(2π) = 1)', () => {
    expect(rastrigin().f(v(1, 1))).toBeCloseTo(2, 12);
  });
});
