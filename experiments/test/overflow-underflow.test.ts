import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { num, pick, reportOf, runPoints, sectionRows, vec } from './_harness.ts';

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('overflow-underflow');
});

const at = (input: string, c: number, precision = 'float64'): RunRecord =>
  pick(records, { input, c, precision });
// NumPy: x = np.array([1, 2, 3, 4, 5.]); np.exp(x) / np.exp(x).sum()
const NUMPY_SOFTMAX_1_5 = [
  0.011656230956039607, 0.03168492079612427, 0.0861285444362687, 0.23412165725273662, 0.6364086465588308,
];

describe('overflow-underflow', () => {
  it('runs every point without an error', () => {
    expect(records.length).toBeGreaterThan(1500);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
  });

  it('reproduces the notebook’s arrays for [c]*5, c = 10, 1000, −1000', () => {
    expect(vec(at('constant', 10), 'exp')).toEqual(Array(5).fill(22026.465794806718));
    expect(vec(at('constant', 10), 'naive')).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(vec(at('constant', 1000), 'exp')).toEqual(Array(5).fill(Number.POSITIVE_INFINITY));
    expect(vec(at('constant', 1000), 'naive').every(Number.isNaN)).toBe(true);
    expect(vec(at('constant', -1000), 'exp')).toEqual([0, 0, 0, 0, 0]);
    expect(vec(at('constant', -1000), 'naive').every(Number.isNaN)).toBe(true);
    for (const c of [1000, -1000]) {
      expect(vec(at('constant', c), 'z')).toEqual([0, 0, 0, 0, 0]);
      expect(vec(at('constant', c), 'stable')).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    }
  });

  it('reproduces softmax([1, 2, 3, 4, 5]) both ways, as NumPy prints it', () => {
    const r = at('ramp', 0);
    expect(vec(r, 'z')).toEqual([-4, -3, -2, -1, 0]);
    vec(r, 'naive').forEach((p, i) => {
      expect(p).toBeCloseTo(NUMPY_SOFTMAX_1_5[i]!, 16);
    });
    vec(r, 'stable').forEach((p, i) => {
      expect(p).toBeCloseTo(NUMPY_SOFTMAX_1_5[i]!, 16);
    });
  });

  it('prints every notebook array the same way the notebook does', async () => {
    const rows = sectionRows(await reportOf('overflow-underflow', records), 'The notebook’s arrays');
    expect(rows).toHaveLength(12);
    for (const q of rows) expect([q[0], q[2]]).toEqual([q[0], 'the same']);
  });

  it('finds the naive softmax right exactly where exp neither overflows nor underflows to 0', async () => {
    const rows = sectionRows(
      await reportOf('overflow-underflow', records),
      'Where the naive softmax is right',
    );
    // [input, precision, lowest c right, highest c right, c giving NaN, c giving wrong numbers, stable: c wrong]
    const row = (input: string, precision: string) => rows.find((q) => q[0] === input && q[1] === precision)!;
    // float64: exp(−745) is the smallest subnormal (5e-324, and 5·that / 5 is still 0.2), exp(−750) = 0;
    // 5·exp(705) is finite, exp(710) overflows.
    expect(row('constant', 'float64').slice(2, 4)).toEqual([-745, 705]);
    // float32: exp(−102.5) rounds to 2 subnormal units, exp(−105) to 0; 5·exp(85) fits, 5·exp(87.5) overflows
    // the sum to ∞ while each term is finite, so every entry is finite/∞ = 0: wrong, but not NaN.
    expect(row('constant', 'float32').slice(2, 4)).toEqual([-102.5, 85]);
    expect(row('constant', 'float32')[5]).toBeGreaterThan(0);
    expect(vec(at('constant', 87.5, 'float32'), 'naive')).toEqual([0, 0, 0, 0, 0]);
    for (const q of rows) expect(q[6]).toBe(0);
  });

  it('keeps every digit with the stable forms, for every c and precision', () => {
    for (const r of records) {
      const full = r.params.precision === 'float64' ? 15.5 : 6.9;
      expect(num(r, 'stableDigits')).toBeGreaterThan(full);
      expect(num(r, 'lseStableDigits')).toBeGreaterThan(full);
    }
  });

  it('loses the naive log-sum-exp of [c]*5 to overflow and underflow at the same points', () => {
    expect(num(at('constant', 705), 'lseNaiveDigits')).toBeGreaterThan(15);
    expect(num(at('constant', 710), 'lseNaive')).toBe(Number.POSITIVE_INFINITY);
    expect(num(at('constant', -750), 'lseNaive')).toBe(Number.NEGATIVE_INFINITY);
    expect(num(at('constant', 1000), 'lseStable')).toBeCloseTo(1000 + Math.log(5), 12);
  });
});
