import { quadratic, rosenbrock } from '@numcomp/core';
import { describe, expect, test } from 'vitest';
import { conjugateGradient } from '../src/conjugateGradient.ts';

const norm = (g: ArrayLike<number>): number => Math.hypot(...Array.from(g));

describe('conjugateGradient', () => {
  test('conjugateGradient(rosenbrock, (−1.2, 1)) converges (PR+, strong Wolfe c₂ = 0.1)', () => {
    const r = conjugateGradient(rosenbrock(), [-1.2, 1]);
    expect(r.status).toBe('converged');
    expect(norm(r.grad)).toBeLessThan(1e-5);
    expect([r.nit, r.nfev, r.ngev]).toEqual([22, 64, 64]);
    expect(r.x[0]).toBeCloseTo(1, 6);
  });

  test('conjugateGradient minimises a 6-D SPD quadratic to the Cholesky solution', () => {
    const n = 6;
    const A = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 4 + i : 1 / (1 + Math.abs(i - j)))),
    );
    const b = Array.from({ length: n }, (_, i) => i - 2);
    const q = quadratic(A, b);
    const r = conjugateGradient(q, new Float64Array(n), { tol: 1e-10 });
    expect(r.status).toBe('converged');
    const xs = q.minima[0]!.x;
    for (let i = 0; i < n; i++) expect(r.x[i]).toBeCloseTo(xs[i]!, 9);
  });

  test('conjugateGradient accepts a curvature constant through lineSearchOptions', () => {
    const r = conjugateGradient(rosenbrock(), [-1.2, 1], { lineSearchOptions: { c2: 0.4 } });
    expect(r.status).toBe('converged');
    expect(r.nit).not.toBe(22);
  });
});
