import type { RunRecord } from '@numcomp/runner';
import { param } from '@numcomp/runner/experiment';
import { beforeAll, describe, expect, it } from 'vitest';
import { pick, runPoints } from './_harness.ts';

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('line-search');
});

const KAPPAS = [1, 3.1622776601683795, 10, 31.622776601683793, 100, 316.22776601683796, 1000];
const run = (fn: string, lineSearch: string, kappa?: number): RunRecord =>
  pick(records, fn === 'quadratic' ? { fn, lineSearch, kappa: kappa! } : { fn, lineSearch });

describe('line-search', () => {
  it('converges with every step rule on every problem', () => {
    expect(records).toHaveLength(8 * 5);
    for (const r of records)
      expect([
        param(r.params, 'fn'),
        param(r.params, 'kappa'),
        param(r.params, 'lineSearch'),
        r.status,
      ]).toContain('converged');
  });

  it('needs exactly the worst-case number of exact steps, ⌈ln(tol/‖∇f₀‖) / ln((κ − 1)/(κ + 1))⌉', () => {
    // From x₀ = (−5, 5/κ), ∇f₀ = (−5, 5), every exact step shrinks ‖∇f‖ by (κ − 1)/(κ + 1).
    for (const kappa of KAPPAS.slice(1)) {
      const predicted = Math.ceil(Math.log(1e-6 / Math.hypot(5, 5)) / Math.log((kappa - 1) / (kappa + 1)));
      expect([kappa, run('quadratic', 'exact', kappa).nit]).toEqual([kappa, predicted]);
    }
  });

  it('needs steps in proportion to κ with the fixed step 1/κ, ⌈ln(tol/5) / ln(1 − 1/κ)⌉', () => {
    // The first step removes the x₁ error (1 − κ·(1/κ) = 0); then x₀ shrinks by 1 − 1/κ per step.
    for (const kappa of KAPPAS.slice(1)) {
      const predicted = Math.ceil(Math.log(1e-6 / 5) / Math.log(1 - 1 / kappa));
      expect(run('quadratic', 'none', kappa).nit! - predicted).toBeGreaterThanOrEqual(0);
      expect(run('quadratic', 'none', kappa).nit! - predicted).toBeLessThanOrEqual(1);
    }
  });

  it('grows linearly in κ for every search', () => {
    for (const ls of ['grid', 'exact', 'backtracking', 'strong-wolfe']) {
      const ratio = run('quadratic', ls, 1000).nit! / run('quadratic', ls, 10).nit!;
      expect([ls, ratio > 30 && ratio < 300]).toEqual([ls, true]);
    }
  });

  it('lets strong Wolfe cross the Rosenbrock valley 5× faster than the fixed step', () => {
    // MINPACK's dcsrch (SciPy's line_search_wolfe1) from a unit first trial: 6,053 steps against 32,076.
    expect(run('rosenbrock', 'strong-wolfe').nit! * 5).toBeLessThan(run('rosenbrock', 'none').nit!);
    for (const r of records.filter((q) => param(q.params, 'fn') === 'rosenbrock')) {
      expect(Math.hypot(r.x![0]! - 1, r.x![1]! - 1)).toBeLessThan(1e-5);
    }
  });
});
