import { rosenbrock, sphere } from '@numcomp/core';
import { describe, expect, test } from 'vitest';
import { nelderMead } from '../src/nelderMead.ts';

describe('nelderMead', () => {
  test("nelderMead(rosenbrock, (−1.2, 1)) reaches (1, 1) to 1e-4 with SciPy's 159 evaluations", () => {
    const r = nelderMead(rosenbrock(), [-1.2, 1]);
    expect(r.status).toBe('converged');
    // SciPy: nit 85 (it counts from 1), nfev 159, x = [1.00002202, 1.00004222], fun 8.177661197416674e-10.
    expect([r.nit, r.nfev, r.ngev]).toEqual([84, 159, 1]);
    expect(Array.from(r.x)).toEqual([1.0000220217835696, 1.0000422197517715]);
    expect(r.fun).toBe(8.177661197416674e-10);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-4);
    expect(Math.abs(r.x[1]! - 1)).toBeLessThan(1e-4);
  });

  test('nelderMead without a gradient reports grad as NaN', () => {
    const { f } = rosenbrock();
    const r = nelderMead({ f }, [-1.2, 1]);
    expect(r.ngev).toBe(0);
    expect(Array.from(r.grad)).toEqual([Number.NaN, Number.NaN]);
  });

  test('nelderMead adaptive parameters change a 5-D run (and equal the classic ones in 2-D)', () => {
    const p = rosenbrock(5);
    const x0 = [1.3, 0.7, 0.8, 1.9, 1.2];
    const classic = nelderMead(p, x0, { maxIter: 4000, maxfev: 8000 });
    const adaptive = nelderMead(p, x0, { adaptive: true, maxIter: 4000, maxfev: 8000 });
    expect(adaptive.status).toBe('converged');
    expect(adaptive.nfev).not.toBe(classic.nfev);
    for (const v of adaptive.x) expect(v).toBeCloseTo(1, 3);
    expect(nelderMead(rosenbrock(), [-1.2, 1], { adaptive: true }).nfev).toBe(159);
  });

  test('nelderMead honours tol, maxfev, maxIter and initialSimplex', () => {
    const p = sphere(2);
    const loose = nelderMead(p, [3, 4], { tol: 1e-2 });
    const tight = nelderMead(p, [3, 4], { tol: 1e-8 });
    expect(loose.nfev).toBeLessThan(tight.nfev);
    expect(Math.hypot(...tight.x)).toBeLessThan(1e-7);
    const capped = nelderMead(rosenbrock(), [-1.2, 1], { maxfev: 50 });
    expect(capped.status).toBe('max-iter');
    expect(capped.nfev).toBe(50);
    expect(nelderMead(rosenbrock(), [-1.2, 1], { maxIter: 10 })).toMatchObject({
      status: 'max-iter',
      nit: 10,
    });
    const s = nelderMead(p, [0, 0], {
      initialSimplex: [
        [1, 1],
        [2, 1],
        [1, 2],
      ],
    });
    expect(s.status).toBe('converged');
    expect(Math.hypot(...s.x)).toBeLessThan(1e-4);
  });

  test('nelderMead records the best vertex and stops on the callback', () => {
    const r = nelderMead(rosenbrock(), [-1.2, 1], { record: { every: 10 } });
    expect(r.trajectory?.iter).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 84]);
    expect(r.trajectory?.f[0]).toBe(20.049999999999994); // the best initial vertex, (−1.2, 1.05)
    const s = nelderMead(rosenbrock(), [-1.2, 1], { callback: (st) => st.nit < 5 });
    expect(s).toMatchObject({ status: 'stopped', nit: 5 });
  });

  test('nelderMead returns non-finite or diverged instead of throwing', () => {
    expect(nelderMead({ f: () => Number.NaN }, [1, 2]).status).toBe('non-finite');
    expect(nelderMead({ f: (x) => (x[0]! < -10 ? Number.NEGATIVE_INFINITY : x[0]!) }, [0, 0]).status).toBe(
      'diverged',
    );
  });

  test('nelderMead rejects bad options', () => {
    const p = sphere(2);
    expect(() => nelderMead(p, [1, 1], { xatol: -1 })).toThrow(/invalid xatol: -1/);
    expect(() => nelderMead(p, [1, 1], { maxfev: 0 })).toThrow(/invalid maxfev: 0/);
    expect(() => nelderMead(p, [1, 1], { adaptive: 'yes' as never })).toThrow(TypeError);
    expect(() => nelderMead(p, [1, 1], { initialSimplex: [[0, 0]] })).toThrow(/invalid initialSimplex/);
    expect(() => nelderMead(p, [1, 1], { lineSearch: 'grid' })).toThrow(/invalid lineSearch/);
  });
});
