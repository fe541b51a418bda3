import { describe, expect, it } from 'vitest';
import { htmlReport, reportTable } from '../src/index.ts';

const rows = [
  { method: 'gd', lr: 0.1, fun: 2e-9, status: 'converged', x0: [1, -2] },
  { method: 'adam', lr: 0.01, fun: null, status: 'error', x0: [0, 0] },
  { method: 'gd', lr: 1, fun: Number.NaN, status: 'diverged', x0: [1, -2] },
  { method: 'momentum', lr: 0.1, fun: 3e-12, status: 'converged', x0: [0.5, 1] },
  { method: 'gd', lr: 0.001, fun: 0.25, status: 'max-iter', x0: [1, -2] },
];

describe('reportTable', () => {
  it('reportTable({ sort }) puts the smallest first and missing values last, in either order', () => {
    const t = reportTable({ data: rows, columns: ['method', 'fun'], sort: 'fun' });
    expect(t.rows).toEqual([
      ['momentum', 3e-12],
      ['gd', 2e-9],
      ['gd', 0.25],
      ['adam', null],
      ['gd', Number.NaN],
    ]);
    const desc = reportTable({ data: rows, columns: ['fun'], sort: 'fun', order: 'desc' });
    expect(desc.rows.map((r) => r[0])).toEqual([0.25, 2e-9, 3e-12, null, Number.NaN]);
  });

  it('reportTable writes points as (a, b), keeps numbers, labels headers and caps rows with the total kept', () => {
    const t = reportTable({
      data: rows,
      columns: ['x0', { field: 'fun', label: 'final f', digits: 'full' }],
      labels: { x0: 'start' },
      maxRows: 2,
    });
    expect(t.columns).toEqual(['start', { label: 'final f', digits: 'full' }]);
    expect(t.rows).toEqual([
      ['(1, −2)', 2e-9],
      ['(0, 0)', null],
    ]);
    expect(t.totalRows).toBe(5);
    const html = htmlReport({ title: 't', sections: [{ title: 's', table: t }] });
    expect(html).toContain('Showing the first 2 of 5 rows.');
  });

  it('reportTable keeps 1,000 of a million rows after one sort', () => {
    const data = Array.from({ length: 1_000_000 }, (_, i) => ({ i, f: (i * 7919) % 1_000_003 }));
    const t = reportTable({ data, sort: 'f', order: 'desc' });
    expect(t.rows).toHaveLength(1000);
    expect(t.totalRows).toBe(1_000_000);
    expect(t.rows[0]).toEqual([341_332, 1_000_002]);
    expect(t.columns).toEqual(['i', 'f']);
  }, 30_000);

  it('reportTable refuses unknown options and fields, with the nearest name', () => {
    expect(() => reportTable({ data: rows, sortBy: 'fun' } as never)).toThrow(
      'unknown option sortBy; did you mean sort?',
    );
    expect(() => reportTable({ data: rows, columns: ['metod'] })).toThrow(
      'invalid columns[0]: "metod" (no row has this field; did you mean "method"?)',
    );
    expect(() => reportTable({ data: rows, sort: 'fn' })).toThrow('invalid sort: "fn"');
  });
});
