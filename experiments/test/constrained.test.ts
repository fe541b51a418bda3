import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportOf, runPoints, sectionRows } from './_harness.ts';

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('constrained');
});

describe('constrained', () => {
  it('converges on every problem from every start', () => {
    expect(records).toHaveLength(5 * 3);
    for (const r of records) expect([r.params.problem, r.status]).toEqual([r.params.problem, 'converged']);
  });

  it('solves min x² + y² s.t. x + y ≥ 1 at (½, ½) with multiplier 1 and a vanishing KKT residual', () => {
    const runs = records.filter((r) => r.params.problem === 'halfspace');
    expect(runs).toHaveLength(3);
    for (const r of runs) {
      expect(r.x![0]).toBeCloseTo(0.5, 7);
      expect(r.x![1]).toBeCloseTo(0.5, 7);
      expect(r.x![0]! + r.x![1]!).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(r.kkt!.multipliers).toEqual([expect.closeTo(1, 9)]);
      expect(r.kkt!.residual).toBeLessThan(1e-7);
    }
  });

  it('finds the known solution and multipliers of every problem (box, disc, two active constraints, Rosenbrock)', async () => {
    const rows = sectionRows(await reportOf('constrained', records), 'KKT check');
    // [problem, x*, λ*, runs, max ‖x − x*‖, max |λ − λ*|, max KKT residual]
    expect(rows.map((q) => q[0])).toEqual(['halfspace', 'box', 'disc', 'corner', 'rosenbrock-disc']);
    for (const q of rows) {
      expect(q[3]).toBe(3);
      expect([q[0], (q[4] as number) < 1e-7]).toEqual([q[0], true]);
      expect([q[0], (q[5] as number) < 1e-6]).toEqual([q[0], true]);
      expect([q[0], (q[6] as number) < 1e-7]).toEqual([q[0], true]);
    }
  });

  it('reports a zero multiplier for every inactive constraint (complementary slackness)', () => {
    const corner = records.find((r) => r.params.problem === 'corner')!;
    // Half-space, then the box's lower x, lower y, upper x, upper y: only x + y ≥ 1 and x ≤ 0.3 are active.
    expect(corner.kkt!.multipliers).toEqual([expect.closeTo(1.4, 9), 0, 0, expect.closeTo(0.8, 9), 0]);
  });
});
