import type { RunRecord } from '@numcomp/runner';
import { param } from '@numcomp/runner/experiment';
import { beforeAll, describe, expect, it } from 'vitest';
import { feasibleRegion } from '../src/constrained.ts';
import { load, reportOf, runPoints, sectionRows } from './_harness.ts';

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('constrained');
});

describe('constrained', () => {
  it('converges on every problem from every start', () => {
    expect(records).toHaveLength(5 * 3);
    for (const r of records)
      expect([param(r.params, 'problem'), r.status]).toEqual([param(r.params, 'problem'), 'converged']);
  });

  it('solves min x² + y² s.t. x + y ≥ 1 at (½, ½) with multiplier 1 and a vanishing KKT residual', () => {
    const runs = records.filter((r) => param(r.params, 'problem') === 'halfspace');
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
    const corner = records.find((r) => param(r.params, 'problem') === 'corner')!;
    // Half-space, then the box's lower x, lower y, upper x, upper y: only x + y ≥ 1 and x ≤ 0.3 are active.
    expect(corner.kkt!.multipliers).toEqual([expect.closeTo(1.4, 9), 0, 0, expect.closeTo(0.8, 9), 0]);
  });

  it('draws each feasible set as a region over the contours: the box cut by the constraints', async () => {
    expect(feasibleRegion([{ type: 'halfspace', a: [1, 1], b: 1 }])).toEqual([
      [2.5, -1.5],
      [2.5, 2.5],
      [-1.5, 2.5],
    ]);
    expect(feasibleRegion([{ type: 'box', lower: [-1, -1], upper: [1, 1] }])).toEqual(
      expect.arrayContaining([
        [1, -1],
        [1, 1],
        [-1, 1],
        [-1, -1],
      ]),
    );
    // The unit disc: a 256-gon inscribed in the circle, of area (n/2)·sin(2π/n) ≈ π.
    const disc = feasibleRegion([{ type: 'ball', radius: 1 }]);
    expect(disc).toHaveLength(256);
    for (const [x, y] of disc) expect(Math.hypot(x, y)).toBeCloseTo(1, 12);
    let area = 0;
    disc.forEach(([x, y], i) => {
      const [u, v] = disc[(i + 1) % disc.length]!;
      area += (x * v - u * y) / 2;
    });
    expect(area).toBeCloseTo(128 * Math.sin((2 * Math.PI) / 256), 12);
    // Two active constraints: the corner (0.3, 0.7) is a vertex of the region.
    const corner = feasibleRegion([
      { type: 'halfspace', a: [1, 1], b: 1 },
      { type: 'box', lower: [-3, -3], upper: [0.3, 3] },
    ]);
    expect(corner).toEqual([
      [expect.closeTo(0.3, 12), expect.closeTo(0.7, 12)],
      [expect.closeTo(0.3, 12), 2.5],
      [-1.5, 2.5],
    ]);
    const def = await load('constrained');
    const overlays = (def.plots ?? []).flatMap((p) => (p.type === 'contour' ? (p.overlays ?? []) : []));
    expect(overlays.map((o) => [o.type, o.label])).toEqual([
      ['region', 'x + y ≥ 1'],
      ['region', '[−1, 1]²'],
      ['region', '‖x‖ ≤ 1'],
      ['region', 'x + y ≥ 1, x ≤ 0.3'],
      ['region', '‖x‖ ≤ 1'],
    ]);
  });
});
