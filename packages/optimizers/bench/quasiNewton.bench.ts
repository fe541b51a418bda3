// Line-searched methods on Rosenbrock (2-D from (−1.2, 1), and 100-D for the O(n²) vs O(mn) contrast),
// and the strong-Wolfe kernel alone on a 1-D φ. One bench = one full run.
import { rosenbrock } from '@numcomp/core';
import { bench, describe } from 'vitest';
import {
  bfgs,
  conjugateGradient,
  lbfgs,
  minimize,
  minimizer,
  nelderMead,
  newton,
  strongWolfe,
} from '../src/index.ts';

let sink = 0;
const r2 = rosenbrock(2);
const x2 = [-1.2, 1];
const r100 = rosenbrock(100);
const x100 = Float64Array.from({ length: 100 }, (_, i) => (i % 2 ? 1 : -1.2));

describe('Rosenbrock 2-D from (−1.2, 1), analytic derivatives', () => {
  bench('bfgs', () => {
    sink += bfgs(r2, x2).nit;
  });
  bench('lbfgs (m = 10)', () => {
    sink += lbfgs(r2, x2).nit;
  });
  bench('conjugateGradient (PR+)', () => {
    sink += conjugateGradient(r2, x2).nit;
  });
  bench('newton (analytic Hessian, Cholesky in place)', () => {
    sink += newton(r2, x2).nit;
  });
  bench('nelderMead', () => {
    sink += nelderMead(r2, x2).nit;
  });
});

describe('a sweep of 400 starts over [−4, 4]² on 2-D Rosenbrock: minimize each, or one minimizer', () => {
  const starts = Array.from({ length: 400 }, (_, k) => [
    -4 + (8 * (k % 20)) / 19,
    -4 + (8 * Math.floor(k / 20)) / 19,
  ]);
  for (const method of ['bfgs', 'newton'] as const) {
    bench(`${method}: minimize(problem, x0, options) per start`, () => {
      for (const x0 of starts) sink += minimize(r2, x0, { method, tol: 1e-8 }).nit;
    });
    bench(`${method}: minimizer(problem, options) once, then run(x0)`, () => {
      const run = minimizer(r2, { method, tol: 1e-8 });
      for (const x0 of starts) sink += run(x0).nit;
    });
  }
});

describe('Rosenbrock 100-D', () => {
  bench('bfgs (dense 100×100 H)', () => {
    sink += bfgs(r100, x100).nit;
  });
  bench('lbfgs (m = 10)', () => {
    sink += lbfgs(r100, x100).nit;
  });
});

describe('strongWolfe kernel, φ(α) = (α − 3)² + sin α, from α₀ = 1', () => {
  const phi = (a: number): number => (a - 3) ** 2 + Math.sin(a);
  const dphi = (a: number): number => 2 * (a - 3) + Math.cos(a);
  const out = { alpha: 0, phi: 0, dphi: 0, nfev: 0, ngev: 0, ok: false };
  bench('strongWolfe (reused out)', () => {
    sink += strongWolfe(phi, dphi, 9, -5, { c2: 0.1 }, out).alpha;
  });
});

export { sink };
