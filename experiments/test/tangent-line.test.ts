import type { RunRecord } from '@numcomp/runner';
import { arange } from '@numcomp/runner/experiment';
import { beforeAll, describe, expect, it } from 'vitest';
import { num, pick, reportHtml, reportOf, runPoints, sectionRows } from './_harness.ts';

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('tangent-line');
});

describe('tangent-line', () => {
  it('evaluates function_1 on the notebook’s np.arange(0.0, 20.0, 0.1), value for value', () => {
    const xs = records.map((r) => r.params.x as number);
    expect(xs).toHaveLength(200);
    // NumPy: a[1], a[3], a[57], a[199]
    expect([xs[1], xs[3], xs[57], xs[199]]).toEqual([0.1, 0.30000000000000004, 5.7, 19.900000000000002]);
    expect(arange(-2, 2.5, 0.25)).toEqual([
      -2, -1.75, -1.5, -1.25, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25,
    ]);
  });

  it('draws the notebook’s tangent at 5: slope numerical_diff(function_1, 5)', async () => {
    const r = pick(records, { x: 10 });
    expect(num(r, 'slope')).toBe(0.1999999999990898);
    expect(num(r, 'tangent')).toBe(1.749999999995449);
    expect(num(pick(records, { x: 5 }), 'f')).toBe(0.75);
    expect(num(pick(records, { x: 5 }), 'tangent')).toBeCloseTo(0.75, 12);
    const rows = sectionRows(await reportOf('tangent-line', records), 'The tangent line');
    expect(rows).toEqual([[5, 0.1999999999990898, 0.2, num(r, 'intercept'), -0.25]]);
    const html = await reportHtml('tangent-line', records);
    expect(html).toContain('>0.1999999999990898<');
    expect(html).toContain(`>${String(num(r, 'intercept')).replace('-', '−')}<`);
  });

  it('lies below the convex function_1 everywhere but at 5', () => {
    for (const r of records) {
      if (r.params.x !== 5) expect(num(r, 'f')).toBeGreaterThan(num(r, 'tangent'));
    }
  });

  it('takes other points of tangency as an override', async () => {
    const rs = await runPoints('tangent-line', (p) => p.x === 15, ['at=5,10,15']);
    expect(rs.map((r) => num(r, 'slope'))).toEqual([
      expect.closeTo(0.2, 10),
      expect.closeTo(0.3, 10),
      expect.closeTo(0.4, 10),
    ]);
  });
});
