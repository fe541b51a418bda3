import { function2, numericalGradientBatch } from '@numcomp/core';
import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { num, pick, reportHtml, reportOf, runPoints, sectionRows } from './_harness.ts';

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('gradient-field');
});

describe('gradient-field', () => {
  it('evaluates −∇f on the notebook’s 18 × 18 grid', () => {
    expect(records).toHaveLength(324);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
  });

  it('computes the same bits as numericalGradientBatch on the whole grid, negated', () => {
    const points = records.map((r) => [r.params.x0 as number, r.params.x1 as number]);
    const g = numericalGradientBatch(function2().f, points);
    // JSON has no −0, so compare with === (0 === −0), which is otherwise bit equality for finite numbers.
    records.forEach((r, k) => {
      expect(num(r, 'u') === -g.data[2 * k]!).toBe(true);
      expect(num(r, 'v') === -g.data[2 * k + 1]!).toBe(true);
    });
  });

  it('points every arrow at the minimum, with length 2‖x‖', () => {
    for (const r of records) {
      const x = [r.params.x0 as number, r.params.x1 as number];
      expect(num(r, 'u')).toBeCloseTo(-2 * x[0]!, 9);
      expect(num(r, 'v')).toBeCloseTo(-2 * x[1]!, 9);
    }
    expect(num(pick(records, { x0: 0, x1: 0 }), 'gradNorm')).toBe(0);
  });

  it('reports the notebook’s numerical_gradient(function_2, [3.0, 4.0]) with NumPy’s bits', async () => {
    const rows = sectionRows(
      await reportOf('gradient-field', records),
      'numerical_gradient(function_2, [3.0, 4.0])',
    );
    // NumPy, the notebook's code: [6.00000000000378, 7.999999999999119], printed as [ 6., 8.].
    expect(rows[1]).toEqual(['numcomp', 6.00000000000378, 7.999999999999119]);
    // The report shows every digit (a table cell would round to 4 by default).
    const html = await reportHtml('gradient-field', records);
    expect(html).toContain('>6.00000000000378<');
    expect(html).toContain('>7.999999999999119<');
  });
});
