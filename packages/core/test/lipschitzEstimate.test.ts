import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRows } from '../src/_matrix.ts';
import { lipschitzEstimate } from '../src/lipschitzEstimate.ts';
import { himmelblau } from '../src/testFunctions/himmelblau.ts';
import { quadratic } from '../src/testFunctions/quadratic.ts';
import { fixture } from './_fixtures.ts';

// SciPy's pdist on the same samples: test/fixtures/lipschitzEstimate.py.
interface Ref {
  samples: number[][];
  L: number;
  pair: [number, number];
  pairs: number;
  bound?: number;
  a?: number;
  A?: number[][];
}
const ref = fixture<Record<string, Ref>>('lipschitzEstimate.json');

/** Agreement with SciPy to a few ulps of L (the slopes are ratios of sums of squares, in another order). */
function matches(e: ReturnType<typeof lipschitzEstimate>, r: Ref): void {
  expect(Math.abs(e.L - r.L)).toBeLessThanOrEqual(4e-15 * r.L);
  expect(e.pair).toEqual(r.pair);
  expect(e.pairs).toBe(r.pairs);
}

describe('lipschitzEstimate', () => {
  it('lipschitzEstimate(∇f, 50 points) of f = ½xᵀAx, A = [[3, 2], [2, 3]]: 4.99999998757… ≤ λmax = 5, as SciPy', () => {
    const r = ref.quadratic!;
    const q = quadratic(r.A!, [0, 0]);
    const e = lipschitzEstimate(q.grad, r.samples);
    matches(e, r);
    expect(e.L).toBeLessThanOrEqual(r.bound!);
    expect(e.L).toBeGreaterThan(0.999 * r.bound!);
  });

  it('Himmelblau’s gradient on 300 points of [−5, 5]²: 257.49, below max‖H‖₂ = 326.79 over the box', () => {
    const r = ref.himmelblau!;
    const e = lipschitzEstimate(himmelblau().grad, fromRows(r.samples));
    matches(e, r);
    expect(e.L).toBeLessThan(r.bound!);
    expect(r.bound).toBeCloseTo(326.7921561087423, 10);
  });

  it('a scalar f gives the book’s Lipschitz constant of f: sin on 40 points, 0.99779 ≤ 1', () => {
    const r = ref.sin!;
    matches(
      lipschitzEstimate((x) => Math.sin(x[0]!), r.samples),
      r,
    );
  });

  it('f = ½t² − a·log cosh t: convex (a = ½) and not (a = 2) have L ≈ 1 on [−4, 4] (|f″| ≤ 1)', () => {
    for (const key of ['logcosh a=0.5', 'logcosh a=2.0']) {
      const r = ref[key]!;
      const a = r.a!;
      const e = lipschitzEstimate((x) => [x[0]! - a * Math.tanh(x[0]!)], r.samples);
      matches(e, r);
      expect(e.L).toBeLessThanOrEqual(r.bound!);
      expect(e.L).toBeGreaterThan(0.999);
    }
  });

  it('skips repeated samples; reaches L exactly on a quadratic along an eigenvector', () => {
    const r = ref.repeated!;
    const A = [
      [3, 2],
      [2, 3],
    ];
    const q = quadratic(A, [0, 0]);
    matches(lipschitzEstimate(q.grad, r.samples), r);
    // (1, 1)/√2 is the eigenvector of λ = 5: the slope is exactly 5.
    expect(
      lipschitzEstimate(q.grad, [
        [0, 0],
        [2, 2],
      ]).L,
    ).toBe(5);
    // The example of the docs.
    const e = lipschitzEstimate(
      (p) => [p[0]!, 4 * p[1]!],
      [
        [0, 0],
        [1, 0],
        [0, 1],
      ],
    );
    expect([e.L, e.pair, e.pairs]).toEqual([4, [0, 2], 3]);
  });

  it('never exceeds the true constant: ∇ of ½xᵀdiag(d)x on random samples gives L̂ ≤ max|dᵢ|', () => {
    // Integer d and points on a grid of 1/8: F = d ⊙ x is exact, so only the norms round.
    const coord = fc.integer({ min: -40, max: 40 }).map((v) => v / 8);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -10, max: 10 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.array(coord, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 20 }),
        (d, pts) => {
          fc.pre(new Set(pts.map((p) => p.join(','))).size >= 2);
          const e = lipschitzEstimate((x) => [d[0]! * x[0]!, d[1]! * x[1]!, d[2]! * x[2]!], pts);
          return e.L <= Math.max(...d.map(Math.abs)) * (1 + 2e-15);
        },
      ),
    );
  });

  it('is exact at any scale: points 10⁻²⁰⁰ or 10²⁰⁰ apart (norms rescaled, no underflow or overflow)', () => {
    const g = (x: Float64Array): number[] => [3 * x[0]!, 4 * x[1]!];
    expect(
      lipschitzEstimate(g, [
        [0, 0],
        [0, 1e-200],
      ]).L,
    ).toBe(4);
    expect(
      lipschitzEstimate(g, [
        [0, 0],
        [1e200, 0],
      ]).L,
    ).toBe(3);
    expect(lipschitzEstimate((x) => 2 * x[0]!, [[1e-170], [3e-170]]).L).toBe(2);
  });

  it('rejects bad samples and bad values, naming them', () => {
    const g = (x: Float64Array): number[] => [x[0]!];
    expect(() => lipschitzEstimate(g, [[1]])).toThrow('invalid samples: [[1]] (expected at least 2 points)');
    expect(() => lipschitzEstimate(g, [[1], [1]])).toThrow(/expected at least 2 distinct points/);
    expect(() => lipschitzEstimate(g, [[1], [Number.NaN]])).toThrow(
      'invalid samples[1][0]: NaN (expected a finite number)',
    );
    expect(() => lipschitzEstimate(g, [[1, 2], [3]])).toThrow(/^invalid samples\[1\]/);
    expect(() => lipschitzEstimate(g, [])).toThrow(RangeError);
    expect(() => lipschitzEstimate(5 as never, [[0], [1]])).toThrow('invalid fn: 5 (expected a function)');
    expect(() => lipschitzEstimate(() => 'x' as never, [[0], [1]])).toThrow(
      /^invalid fn\(samples\[0\]\): "x" \(expected a number or an array of numbers\)/,
    );
    expect(() => lipschitzEstimate((x) => (x[0]! > 0.5 ? [1, 2] : [1]), [[0], [1]])).toThrow(
      'invalid fn(samples[1]): [1, 2] (expected 1 numbers, as fn(samples[0]))',
    );
    expect(() => lipschitzEstimate((x) => (x[0]! > 0.5 ? [1] : 1), [[0], [1]])).toThrow(
      /expected a number, as fn\(samples\[0\]\)/,
    );
    expect(() => lipschitzEstimate((x) => [1 / x[0]!], [[0], [1]])).toThrow(
      'invalid fn(samples[0])[0]: Infinity (expected a finite number)',
    );
  });
});
