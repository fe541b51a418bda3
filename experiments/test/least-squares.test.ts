import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { pick, reportOf, runPoints, sectionRows } from './_harness.ts';

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('least-squares');
});

describe('least-squares', () => {
  it('runs every point of the step × tolerance grid', () => {
    expect(records).toHaveLength(37 * 15);
    expect(records.some((r) => r.status === 'error')).toBe(false);
  });

  it('takes the notebook’s 493 steps, and ends where its while loop ends', () => {
    const r = pick(records, { lr: 0.01, tol: 0.01 });
    expect(r.status).toBe('converged');
    expect(r.nit).toBe(493);
    // NumPy: x after the loop, and history[-1] (the iterate before the last step).
    // NumPy's bits: the same operations (x − 0.01·(x − 1) on each coordinate of A = I) in the same order.
    expect(r.x).toEqual([1.0070493802362332, 1.0070493802362332]);
    const t = r.trajectory!;
    expect(t.iter.at(-2)).toBe(492);
    expect(t.x.at(-2)).toEqual([1.0071205860972052, 1.0071205860972052]);
    expect(r.gradNorm).toBeLessThanOrEqual(0.01);
  });

  it('needs ⌈ln(δ/‖∇f(x₀)‖) / ln(1 − ε)⌉ steps for every step size below 1', () => {
    for (const r of records.filter((q) => (q.params.lr as number) < 1)) {
      const lr = r.params.lr as number;
      const predicted = Math.log((r.params.tol as number) / Math.SQRT2) / Math.log(1 - lr);
      // Rounding can move a step across the tolerance when the prediction is within a hair of an integer.
      expect(Math.abs(r.nit! - Math.ceil(predicted))).toBeLessThanOrEqual(1);
    }
  });

  it('lands on (1, 1) in one step at ε = 1, bounces at ε = 2 and diverges beyond', () => {
    for (const r of records) {
      const lr = r.params.lr as number;
      if (lr === 1) expect([r.nit, r.x]).toEqual([1, [1, 1]]);
      if (lr === 2) expect(r.status).toBe('max-iter');
      if (lr > 2) expect(r.status).toBe('diverged');
    }
  });

  it('reports the direct solution x = (1, 1) next to the notebook’s run', async () => {
    const rows = sectionRows(await reportOf('least-squares', records), 'The direct solution');
    expect(rows.map((q) => q[0])).toEqual([
      'gradient descent, ε = 0.01, δ = 0.01',
      'notebook history[-1] (one step before the stop)',
      'lstsq (SVD of A)',
    ]);
    expect(rows[2]![1]).toBe('(1, 1)');
    expect(rows[1]![2]).toBe(492);
  });
});
