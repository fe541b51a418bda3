import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromRows, logSoftmax, logSoftmaxInto, logSumExp, type Matrix } from '../src/index.ts';

describe('logSoftmax', () => {
  test('logSoftmax([1, 2, 3, 4, 5]) matches SciPy log_softmax', () => {
    const ref = [
      -4.451914395937593, -3.4519143959375933, -2.4519143959375933, -1.4519143959375933, -0.45191439593759336,
    ];
    for (const [i, v] of logSoftmax([1, 2, 3, 4, 5]).entries()) {
      expect(Math.abs(v - ref[i]!)).toBeLessThanOrEqual(2 ** -52);
    }
  });

  test('logSoftmax(x) stays finite where softmax underflows', () => {
    expect(Array.from(logSoftmax([0, -1000]))).toEqual([0, -1000]);
    expect(Array.from(logSoftmax([1000, 1000]))).toEqual([-Math.LN2, -Math.LN2]);
    // Only a result beyond the double range is infinite: the true value here is -2e308.
    expect(Array.from(logSoftmax([-1e308, 1e308]))).toEqual([-Infinity, 0]);
  });

  test('logSoftmax(x) = x - logSumExp(x) (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 32 }),
        (x) => {
          const l = logSumExp(x);
          for (const [i, v] of logSoftmax(x).entries()) {
            expect(Math.abs(v - (x[i]! - l))).toBeLessThanOrEqual(1e-12);
          }
        },
      ),
    );
  });

  test('logSoftmax(x) edge cases match softmax: +Infinity shares, -Infinity rows, NaN', () => {
    expect(Array.from(logSoftmax([Infinity, 1, Infinity]))).toEqual([-Math.LN2, -Infinity, -Math.LN2]);
    expect(Array.from(logSoftmax([-Infinity, 0]))).toEqual([-Infinity, 0]);
    expect(Array.from(logSoftmax([-Infinity, -Infinity]))).toEqual([Number.NaN, Number.NaN]);
    expect(Array.from(logSoftmax([Number.NaN, 0]))).toEqual([Number.NaN, Number.NaN]);
  });

  test('logSoftmax(Matrix) works row by row; float32 rounds to float32', () => {
    const out = logSoftmax(
      fromRows([
        [0, 0],
        [1, 2],
      ]),
    ) as Matrix;
    expect(Array.from(out.data.subarray(0, 2))).toEqual([-Math.LN2, -Math.LN2]);
    expect(Array.from(out.data.subarray(2))).toEqual(Array.from(logSoftmax([1, 2])));
    const f = logSoftmax([100, 100], { precision: 'float32' });
    expect(Array.from(f)).toEqual([Math.fround(-Math.LN2), Math.fround(-Math.LN2)]);
  });

  test('logSoftmaxInto(x, x) works in place and checks out', () => {
    const x = Float64Array.from([1000, 1000]);
    expect(logSoftmaxInto(x, x)).toBe(x);
    expect(Array.from(x)).toEqual([-Math.LN2, -Math.LN2]);
    expect(() => logSoftmaxInto([1], new Float64Array(2))).toThrow(RangeError);
    expect(() => logSoftmax([])).toThrow(/^invalid x: \[\]/);
  });
});
