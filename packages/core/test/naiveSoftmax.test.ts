import { describe, expect, test } from 'vitest';
import { fromRows, type Matrix, naiveSoftmax, softmax } from '../src/index.ts';

const F32 = { precision: 'float32' } as const;

describe('naiveSoftmax', () => {
  test('naiveSoftmax([[10, 10, 10, 10, 10]]) is 0.2 everywhere (notebook)', () => {
    expect(Array.from(naiveSoftmax([[10, 10, 10, 10, 10]])[0]!)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  test.each([1000, -1000])('naiveSoftmax([[c, c, c, c, c]]) is NaN everywhere for c = %d (notebook)', (c) => {
    // exp(1000) overflows: Infinity / Infinity; exp(-1000) underflows: 0 / 0.
    expect(Array.from(naiveSoftmax([[c, c, c, c, c]])[0]!)).toEqual(Array(5).fill(Number.NaN));
  });

  test('naiveSoftmax([1, 2, 3, 4, 5]) matches NumPy np.exp(x) / np.exp(x).sum() bit for bit', () => {
    expect(Array.from(naiveSoftmax([1, 2, 3, 4, 5]))).toEqual([
      0.011656230956039607, 0.03168492079612427, 0.0861285444362687, 0.23412165725273662, 0.6364086465588308,
    ]);
  });

  test('naiveSoftmax already fails at x = 89 in float32, where float64 and the stable softmax are fine', () => {
    expect(Array.from(naiveSoftmax([89, 89]))).toEqual([0.5, 0.5]);
    expect(Array.from(naiveSoftmax([89, 89], F32))).toEqual([Number.NaN, Number.NaN]);
    expect(Array.from(naiveSoftmax([88, 88], F32))).toEqual([0.5, 0.5]);
    expect(Array.from(softmax([89, 89], F32))).toEqual([0.5, 0.5]);
  });

  test('naiveSoftmax(Matrix) works row by row', () => {
    const out = naiveSoftmax(
      fromRows([
        [0, 0],
        [1000, 0],
      ]),
    ) as Matrix;
    expect([out.rows, out.cols]).toEqual([2, 2]);
    expect(Array.from(out.data)).toEqual([0.5, 0.5, Number.NaN, 0]);
  });

  test('naiveSoftmax([]) is a RangeError', () => {
    expect(() => naiveSoftmax([])).toThrow(/^invalid x: \[\]/);
  });
});
