import { quadratic, mulberry32 as rng } from '@numcomp/core';
import { describe, expect, test } from 'vitest';
import { exactLineSearch } from '../../src/lineSearch/exact.ts';
import { restrictToLine } from '../../src/lineSearch/restrictToLine.ts';

describe('exactLineSearch', () => {
  test('exactLineSearch on ½xᵀAx − bᵀx along −g finds α* = gᵀg / gᵀAg to 1e-8', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = rng(seed);
      const n = 2 + (seed % 4);
      const M = Array.from({ length: n }, () => Array.from({ length: n }, () => 2 * rand() - 1));
      const A = M.map((_, i) =>
        M.map((_, j) => M.reduce((s, row) => s + row[i]! * row[j]!, 0) + (i === j ? 0.5 : 0)),
      );
      const b = Array.from({ length: n }, () => 2 * rand() - 1);
      const x = Array.from({ length: n }, () => 4 * rand() - 2);
      const q = quadratic(A, b);
      const g = q.grad(Float64Array.from(x));
      const Ag = A.map((row) => row.reduce((s, v, j) => s + v * g[j]!, 0));
      const gg = g.reduce((s, v) => s + v * v, 0);
      const gAg = g.reduce((s, v, i) => s + v * Ag[i]!, 0);
      const expected = gg / gAg;
      const { phi, dphi, phi0, dphi0 } = restrictToLine(
        q,
        x,
        Array.from(g, (v) => -v),
      );
      const r = exactLineSearch(phi, dphi, phi0, dphi0);
      expect(r.ok).toBe(true);
      expect(Math.abs(r.alpha - expected) / expected).toBeLessThan(1e-8);
      expect(r.phi).toBeCloseTo(phi0 - (0.5 * gg * gg) / gAg, 12);
    }
  });

  test('exactLineSearch on φ(α) = (3 − 6α)² gives 0.5', () => {
    const r = exactLineSearch((a) => (3 - 6 * a) ** 2, undefined, 9, -36);
    expect(r.alpha).toBeCloseTo(0.5, 9);
    expect(r.ok).toBe(true);
  });

  test('exactLineSearch minimises a non-quadratic φ(α) = eᵅ − 2α at ln 2 to √ε', () => {
    const r = exactLineSearch((a) => Math.exp(a) - 2 * a, undefined, 1, -1);
    expect(Math.abs(r.alpha - Math.LN2)).toBeLessThan(3e-8);
    expect(r.nfev).toBeLessThan(40);
  });

  test('exactLineSearch shrinks the first step when the minimum is much closer than 1', () => {
    const r = exactLineSearch((a) => (a - 1e-3) ** 2, undefined, 1e-6, -2e-3);
    expect(r.alpha).toBeCloseTo(1e-3, 10);
    expect(r.ok).toBe(true);
  });

  test('exactLineSearch expands the bracket when the minimum is far beyond 1', () => {
    const r = exactLineSearch((a) => (a - 250) ** 2, undefined, 62500, -500);
    expect(Math.abs(r.alpha - 250) / 250).toBeLessThan(1e-8);
  });

  test('exactLineSearch reports no decrease (α = 0) and an unbounded ray (ok false)', () => {
    expect(exactLineSearch((a) => a * a + a, undefined, 0, 1)).toMatchObject({ alpha: 0, phi: 0, ok: false });
    const r = exactLineSearch((a) => -a, undefined, 0, -1, { maxIter: 50 });
    expect(r.ok).toBe(false);
    expect(r.alpha).toBeGreaterThan(1e6);
    expect(r.phi).toBe(-r.alpha);
    expect(r.nfev).toBe(50);
  });

  test('exactLineSearch rejects bad options', () => {
    const phi = (a: number): number => a;
    expect(() => exactLineSearch(phi, undefined, 0, -1, { xtol: 0 })).toThrow(/invalid xtol: 0/);
    expect(() => exactLineSearch(phi, undefined, 0, -1, { maxIter: 1 })).toThrow(/invalid maxIter: 1/);
  });
});
