import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { backtracking } from '../../src/lineSearch/backtracking.ts';

describe('backtracking', () => {
  test('backtracking halves α = 1 to 0.5 on φ(α) = (3 − 6α)²', () => {
    const r = backtracking((a) => (3 - 6 * a) ** 2, undefined, 9, -36);
    expect(r).toEqual({ alpha: 0.5, phi: 0, dphi: Number.NaN, nfev: 2, ngev: 0, ok: true });
  });

  test('backtracking with interpolation lands on the minimiser of a quadratic φ at once', () => {
    // φ(α) = (α − 0.2)²: the quadratic model through φ(0), φ'(0), φ(1) is φ itself.
    const r = backtracking((a) => (a - 0.2) ** 2, undefined, 0.04, -0.4, { interpolate: true });
    expect(r.nfev).toBe(2);
    expect(r.alpha).toBeCloseTo(0.2, 15);
    expect(r.ok).toBe(true);
  });

  test('backtracking accepts the first trial that satisfies Armijo (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }), // curvature
        fc.double({ min: 0.01, max: 10, noNaN: true }), // −φ'(0)
        fc.double({ min: 1e-3, max: 100, noNaN: true }), // α₀
        fc.constantFrom(0.5, 0.3, 0.9),
        fc.boolean(),
        (q, s, a0, rho, interpolate) => {
          // φ(α) = −sα + ½qα² + 0.1 sin(α)² : smooth, non-convex wiggle.
          const phi = (a: number): number => -s * a + 0.5 * q * a * a + 0.1 * Math.sin(a) ** 2;
          const c1 = 1e-4;
          const r = backtracking(phi, undefined, 0, -s, {
            initialStep: a0,
            rho,
            interpolate,
            c1,
            maxIter: 500,
          });
          expect(r.ok).toBe(true);
          expect(phi(r.alpha)).toBe(r.phi);
          expect(r.phi).toBeLessThanOrEqual(c1 * r.alpha * -s);
          if (!interpolate && r.alpha !== a0)
            expect(phi(r.alpha / rho)).toBeGreaterThan(c1 * (r.alpha / rho) * -s);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('backtracking treats a non-finite φ as a failed trial', () => {
    const r = backtracking((a) => (a > 0.3 ? Number.NaN : -a), undefined, 0, -1);
    expect(r.alpha).toBe(0.25);
    expect(r.nfev).toBe(3);
  });

  test('backtracking returns α = 0, ok false for an ascent direction or after maxIter trials', () => {
    expect(backtracking((a) => a, undefined, 0, 1)).toMatchObject({ alpha: 0, ok: false, nfev: 0 });
    const r = backtracking((a) => a, undefined, 0, -1, { maxIter: 5 });
    expect(r).toMatchObject({ alpha: 0, phi: 0, ok: false, nfev: 5 });
  });

  test('backtracking rejects bad options', () => {
    const phi = (a: number): number => a;
    expect(() => backtracking(phi, undefined, 0, -1, { c1: 1 })).toThrow(/invalid c1: 1/);
    expect(() => backtracking(phi, undefined, 0, -1, { rho: 0 })).toThrow(/invalid rho: 0/);
    expect(() => backtracking(phi, undefined, 0, -1, { initialStep: -1 })).toThrow(RangeError);
    expect(() => backtracking(phi, undefined, 0, -1, { maxIter: 2.5 })).toThrow(RangeError);
    expect(() => backtracking(phi, undefined, 0, -1, { interpolate: 1 as never })).toThrow(TypeError);
  });
});
