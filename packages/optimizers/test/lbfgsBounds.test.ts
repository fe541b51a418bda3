// lbfgs with bounds, pinned against SciPy's minimize(method='L-BFGS-B') (fixtures/lbfgsb.py).
import { readFileSync } from 'node:fs';
import { quadratic, rosenbrock } from '@numcomp/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bounds, lbfgs, minimize } from '../src/index.ts';

interface Case {
  problem: 'rosenbrock' | 'quadratic';
  x0: number[];
  bounds: [number | null, number | null][];
  x: number[];
  fun: number;
  nit: number;
  nfev: number;
  success: boolean;
}
const ref = JSON.parse(readFileSync(new URL('./fixtures/lbfgsb.json', import.meta.url), 'utf8')) as {
  A: number[][];
  b: number[];
  cases: Case[];
};

/** Our counts on each case (SciPy's beside them in the fixture and the README). */
const COUNTS = [
  [22, 27],
  [8, 10],
  [47, 61],
  [27, 40],
  [3, 4],
  [9, 10],
];

describe('lbfgs with bounds = SciPy L-BFGS-B', () => {
  it.each(ref.cases.map((c, i) => [c.problem, c.x0.length, i, c] as const))(
    'lbfgs(%s, n = %i, bounds) ends at L-BFGS-B’s point (case %i)',
    (_, __, i, c) => {
      const p = c.problem === 'rosenbrock' ? rosenbrock(c.x0.length) : quadratic(ref.A, ref.b);
      const r = lbfgs(p, c.x0, { bounds: c.bounds });
      expect(c.success).toBe(true);
      expect(r.status).toBe('converged');
      for (let j = 0; j < c.x.length; j++) {
        expect(Math.abs(r.x[j]! - c.x[j]!)).toBeLessThan(1e-5);
        const [lo, hi] = c.bounds[j]!;
        if (lo !== null) expect(r.x[j]).toBeGreaterThanOrEqual(lo);
        if (hi !== null) expect(r.x[j]).toBeLessThanOrEqual(hi);
      }
      expect(r.fun).toBeCloseTo(c.fun, 8);
      expect([r.nit, r.nfev]).toEqual(COUNTS[i]);
    },
  );

  it('the issue’s case: bounds are no longer ignored (the box excludes (1, 1))', () => {
    const r = minimize(rosenbrock(), [-1.2, 1], {
      method: 'lbfgs',
      bounds: [
        [-2, 0.5],
        [-1, 2],
      ],
    });
    expect(r.success).toBe(true);
    expect(r.x[0]).toBe(0.5); // on the bound exactly
    expect(r.x[1]).toBeCloseTo(0.25, 12);
  });

  it('stays in the box at every iterate, starting from a clipped x0', () => {
    const bounds: Bounds = [
      [0, 0.5],
      [0, 0.5],
      [0, 0.5],
    ];
    const r = lbfgs(rosenbrock(3), [2, -3, 0.1], {
      bounds,
      callback: (s) => {
        for (const v of s.x) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(0.5);
        }
        return undefined;
      },
      record: true,
    });
    expect(r.trajectory!.x[0]).toEqual([0.5, 0, 0.1]);
    expect(r.status).toBe('converged');
  });

  it('with infinite bounds it is plain L-BFGS (converges to (1, 1))', () => {
    const r = lbfgs(rosenbrock(), [-1.2, 1], {
      bounds: [
        [null, null],
        [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
      ],
    });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBeCloseTo(1, 5);
  });

  it('refuses bad bounds naming the pair', () => {
    const p = rosenbrock();
    expect(() => lbfgs(p, [0, 0], { bounds: [[0, 1]] })).toThrow(
      'invalid bounds: [[0, 1]] (expected 2 [lower, upper] pairs, got 1)',
    );
    expect(() =>
      lbfgs(p, [0, 0], {
        bounds: [
          [0, 1],
          [2, 1],
        ],
      }),
    ).toThrow(/^invalid bounds\[1\]: \[2, 1\] \(lower > upper\)/);
    expect(() =>
      lbfgs(p, [0, 0], {
        bounds: [
          [0, 1],
          [Number.NaN, 1],
        ],
      }),
    ).toThrow(/^invalid bounds\[1\]\[0\]: NaN/);
    expect(() =>
      lbfgs(p, [0, 0], {
        bounds: [
          [0, 1],
          ['0', 1],
        ] as never,
      }),
    ).toThrow(TypeError);
    expect(() => lbfgs(p, [0, 0], { bounds: 3 as never })).toThrow(TypeError);
  });
});

describe('lbfgs with bounds: KKT on random bounded convex quadratics (fast-check)', () => {
  // Boxes at least 0.02 wide: in a box of width 5e-324 every point is optimal to 5e-324.
  it('the final x is in the box and satisfies the KKT conditions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n, maxLength: n }), {
              minLength: n,
              maxLength: n,
            }),
            fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
            fc.array(
              fc.tuple(
                fc.double({ min: -3, max: -0.01, noNaN: true }),
                fc.double({ min: 0.01, max: 3, noNaN: true }),
              ),
              {
                minLength: n,
                maxLength: n,
              },
            ),
          ),
        ),
        ([M, b, box]) => {
          const n = b.length;
          // A = MᵀM + I (SPD), f = ½xᵀAx − bᵀx
          const A = Array.from({ length: n }, (_, i) =>
            Array.from({ length: n }, (_, j) => M.reduce((s, r) => s + r[i]! * r[j]!, 0) + (i === j ? 1 : 0)),
          );
          // tol 1e-7: below ~1e-9 the decrease g²/λ is under the rounding of f (~1e-16·|f|) and the run stalls
          const r = lbfgs(quadratic(A, b), new Float64Array(n).fill(0.1), { bounds: box, tol: 1e-7 });
          expect(r.status).toBe('converged');
          for (let i = 0; i < n; i++) {
            const [lo, hi] = box[i]!;
            const xi = r.x[i]!;
            const gi = r.grad[i]!;
            expect(xi).toBeGreaterThanOrEqual(lo);
            expect(xi).toBeLessThanOrEqual(hi);
            if (xi > lo && xi < hi) expect(Math.abs(gi)).toBeLessThan(1e-7);
            if (xi === lo && xi < hi) expect(gi).toBeGreaterThan(-1e-7);
            if (xi === hi && xi > lo) expect(gi).toBeLessThan(1e-7);
          }
        },
      ),
      { numRuns: 200, seed: 20261205 },
    );
  });
});
