import { readFileSync } from 'node:fs';
import { quadratic, rosenbrock } from '@numcomp/core';
import { describe, expect, test } from 'vitest';
import { conjugateGradient } from '../src/conjugateGradient.ts';

/** SciPy's CG on n-D Rosenbrock (fixtures/cgRosenbrock.py). */
const scipy = JSON.parse(readFileSync(new URL('./fixtures/cgRosenbrock.json', import.meta.url), 'utf8')) as {
  cg: { x0: number[]; nit: number; nfev: number; success: boolean }[];
};

const norm = (g: ArrayLike<number>): number => Math.hypot(...Array.from(g));

describe('conjugateGradient', () => {
  test('conjugateGradient(rosenbrock, (−1.2, 1)) converges (PR+ with Powell restarts, strong Wolfe c₂ = 0.2)', () => {
    const r = conjugateGradient(rosenbrock(), [-1.2, 1]);
    expect(r.status).toBe('converged');
    expect(norm(r.grad)).toBeLessThan(1e-5);
    expect([r.nit, r.nfev, r.ngev]).toEqual([28, 70, 70]);
    expect(r.x[0]).toBeCloseTo(1, 5); // ‖∇f‖ ≤ 1e-5 bounds the error by ~1e-5 / λ_min(∇²f)
  });

  test.each(scipy.cg)(
    'conjugateGradient(rosenbrock($x0.length), $x0) takes at most SciPy CG’s $nit iterations and $nfev f-evaluations',
    (ref) => {
      const n = ref.x0.length;
      const r = conjugateGradient(rosenbrock(n), ref.x0);
      expect(ref.success).toBe(true);
      expect(r.status).toBe('converged');
      expect(norm(r.grad)).toBeLessThanOrEqual(1e-5); // ‖·‖₂: stricter than SciPy's ‖·‖∞ ≤ 1e-5
      for (const v of r.x) expect(Math.abs(v - 1)).toBeLessThan(1e-4);
      expect(r.nit).toBeLessThanOrEqual(ref.nit);
      expect(r.nfev).toBeLessThanOrEqual(ref.nfev);
    },
  );

  test('conjugateGradient on 5-D Rosenbrock: counts pinned (issue #11 had 153 / 333 against SciPy’s 47 / 97)', () => {
    const r = conjugateGradient(rosenbrock(5), [1.3, 0.7, 0.8, 1.9, 1.2]);
    expect([r.nit, r.nfev, r.ngev]).toEqual([26, 60, 60]);
    const s = conjugateGradient(rosenbrock(5), [-1.2, 1, -1.2, 1, -1.2]);
    expect([s.nit, s.nfev]).toEqual([56, 132]);
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
    expect(r.nit).not.toBe(28);
  });
});
