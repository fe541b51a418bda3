import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromRows, logSoftmax, type Matrix, softmax, softmaxInto } from '../src/index.ts';

const F32 = { precision: 'float32' } as const;

/** Correctly rounded softmax([1, 2, 3, 4, 5]) (mpmath, 50 digits). */
const SOFTMAX_1_5 = [
  0.011656230956039607, 0.03168492079612427, 0.0861285444362687, 0.23412165725273662, 0.6364086465588308,
];

describe('softmax', () => {
  test.each([10, 1000, -1000])('softmax([[c, c, c, c, c]]) is 0.2 everywhere for c = %d (notebook)', (c) => {
    const out = softmax([[c, c, c, c, c]]);
    expect(out).toHaveLength(1);
    expect(Array.from(out[0]!)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  test('softmax([1, 2, 3, 4, 5]) matches the notebook to 1e-8 and the exact values to 1 ulp', () => {
    const out = softmax([1, 2, 3, 4, 5]);
    const notebook = [0.01165623, 0.03168492, 0.08612854, 0.23412166, 0.63640865];
    for (const [i, v] of out.entries()) {
      expect(Math.abs(v - notebook[i]!)).toBeLessThan(1e-8);
      expect(Math.abs(v - SOFTMAX_1_5[i]!)).toBeLessThanOrEqual(Number.EPSILON * SOFTMAX_1_5[i]!);
    }
    // NumPy's np.exp(z) / np.exp(z).sum() with z = x - x.max(), bit for bit (same operations, same order).
    expect(Array.from(out)).toEqual([
      0.011656230956039605, 0.03168492079612427, 0.0861285444362687, 0.23412165725273662, 0.6364086465588308,
    ]);
  });

  test('softmax([1000, 1001, 1002]) matches the exact values (mpmath) to 1e-15 and NumPy bit for bit', () => {
    const out = softmax([1000, 1001, 1002]);
    const ref = [0.09003057317038046, 0.24472847105479764, 0.6652409557748219];
    for (const [i, v] of out.entries()) {
      expect(Math.abs(v - ref[i]!)).toBeLessThanOrEqual(1e-15);
    }
    // NumPy/SciPy give the last entry one ulp low, as we do (same operations, same order).
    expect(Array.from(out)).toEqual([0.09003057317038046, 0.24472847105479764, 0.6652409557748218]);
    expect(Array.from(out)).toEqual(Array.from(softmax([0, 1, 2])));
  });

  test('softmax(x) is finite and sums to 1 for extreme finite x', () => {
    const out = softmax([-Number.MAX_VALUE, Number.MAX_VALUE, 0, 1e308]);
    expect(Array.from(out)).toEqual([0, 1, 0, 0]);
  });

  test('softmax(x) puts the mass on the +Infinity entries, split evenly', () => {
    expect(Array.from(softmax([Infinity, 1, Infinity, -Infinity]))).toEqual([0.5, 0, 0.5, 0]);
    expect(Array.from(softmax([-Infinity, Infinity]))).toEqual([0, 1]);
  });

  test('softmax(x) gives 0 to -Infinity entries and NaN for a row of only -Infinity', () => {
    expect(Array.from(softmax([-Infinity, 0]))).toEqual([0, 1]);
    expect(Array.from(softmax([-Infinity, -Infinity]))).toEqual([Number.NaN, Number.NaN]);
  });

  test('softmax(x) propagates NaN to the whole row', () => {
    expect(Array.from(softmax([1, Number.NaN, 3]))).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(Array.from(softmax([Infinity, Number.NaN]))).toEqual([Number.NaN, Number.NaN]);
    expect(Array.from(softmax([Number.NaN, -Infinity]))).toEqual([Number.NaN, Number.NaN]);
  });

  test('softmax(Matrix) works row by row and returns a Matrix of the same shape', () => {
    const m = fromRows([
      [1, 2, 3],
      [1000, 1000, 1000],
    ]);
    const out = softmax(m) as Matrix;
    expect(out.rows).toBe(2);
    expect(out.cols).toBe(3);
    expect(Array.from(out.data.subarray(0, 3))).toEqual(Array.from(softmax([1, 2, 3])));
    expect(Array.from(out.data.subarray(3))).toEqual(Array.from(softmax([0, 0, 0])));
  });

  test('softmax(number[][]) returns one Float64Array per row', () => {
    const out = softmax([
      [1, 2],
      [3, 3],
    ]);
    expect(out.map((r) => r instanceof Float64Array)).toEqual([true, true]);
    expect(Array.from(out[1]!)).toEqual([0.5, 0.5]);
  });

  test('softmax(x, { precision: float32 }) rounds to float32 and stays stable where exp(x) overflows', () => {
    const out = softmax([89, 89], F32);
    expect(Array.from(out)).toEqual([0.5, 0.5]);
    const five = softmax([1, 2, 3, 4, 5], F32);
    for (const [i, v] of five.entries()) {
      expect(Math.fround(v)).toBe(v);
      expect(Math.abs(v - SOFTMAX_1_5[i]!)).toBeLessThan(2 ** -22 * SOFTMAX_1_5[i]!);
    }
    expect(Array.from(softmax([10, 10, 10, 10, 10], F32))).toEqual(Array(5).fill(Math.fround(0.2)));
    // 1e39 is beyond float32: it rounds to +Infinity, which then takes all the mass.
    expect(Array.from(softmax([1e39, 0], F32))).toEqual([1, 0]);
  });

  test('softmax rejects an empty input, non-numbers, ragged rows and bad options', () => {
    expect(() => softmax([])).toThrow(RangeError);
    expect(() => softmax([])).toThrow(/^invalid x: \[\]/);
    expect(() => softmax([[]])).toThrow(/^invalid x\[0\]: \[\]/);
    expect(() => softmax('abc' as never)).toThrow(TypeError);
    expect(() => softmax([1, '2'] as never)).toThrow(/^invalid x\[1\]: "2"/);
    expect(() => softmax([[1, 2], [3]])).toThrow(/^invalid x\[1\]: \[3\] \(expected 2 columns/);
    expect(() => softmax({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(
      /^invalid x: "2x2 matrix with 3/,
    );
    expect(() => softmax([1], { precision: 'float16' as never })).toThrow(
      /^invalid options.precision: "float16"/,
    );
  });

  test('softmax(x) sums to 1 within 1e-12 for any finite x (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 64 }),
        (x) => {
          const out = softmax(x);
          let s = 0;
          for (const v of out) {
            expect(v).toBeGreaterThanOrEqual(0);
            s += v;
          }
          expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-12);
        },
      ),
    );
  });

  test('softmax(x + c) equals softmax(x) (shift invariance, property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 32 }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (x, c) => {
          const a = softmax(x);
          const b = softmax(x.map((v) => v + c));
          for (const [i, v] of a.entries()) {
            expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(1e-12);
          }
        },
      ),
    );
  });

  test('exp(logSoftmax(x)) equals softmax(x) (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -300, max: 300, noNaN: true }), { minLength: 1, maxLength: 32 }),
        (x) => {
          const p = softmax(x);
          const lp = logSoftmax(x);
          for (const [i, v] of p.entries()) {
            expect(Math.abs(Math.exp(lp[i]!) - v)).toBeLessThanOrEqual(1e-12 * v + 1e-300);
          }
        },
      ),
    );
  });
});

describe('softmaxInto', () => {
  test('softmaxInto(x, out) writes into out and returns it', () => {
    const out = new Float64Array(3);
    expect(softmaxInto([1000, 1001, 1002], out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(softmax([1000, 1001, 1002])));
  });

  test('softmaxInto(x, x) works in place, also in float32', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5]);
    softmaxInto(x, x);
    expect(Array.from(x)).toEqual(Array.from(softmax([1, 2, 3, 4, 5])));
    const y = Float64Array.from([Infinity, 0, Infinity]);
    softmaxInto(y, y, F32);
    expect(Array.from(y)).toEqual([0.5, 0, 0.5]);
  });

  test('softmaxInto rejects an out of the wrong type or length', () => {
    expect(() => softmaxInto([1, 2], new Float64Array(3))).toThrow(/^invalid out: .*expected length 2/);
    expect(() => softmaxInto([1, 2], [0, 0] as never)).toThrow(TypeError);
  });
});
