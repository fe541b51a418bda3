import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromRows, type Matrix, softplus } from '../src/index.ts';

describe('softplus', () => {
  test('softplus(1000) is 1000 and softplus(-1000) is finite and ≈ 0', () => {
    const [big, small] = softplus([1000, -1000]);
    expect(big).toBe(1000);
    expect(Number.isFinite(small)).toBe(true);
    expect(small).toBe(0); // e^-1000 ≈ 5e-435 underflows
  });

  test('softplus(x) matches log(1 + e^x) to full precision, also where e^x is tiny', () => {
    const [a, b, c, d] = softplus([-30, 0, 30, -700]);
    expect(a).toBe(9.357622968839737e-14); // mpmath log1p(e^-30)
    expect(b).toBe(Math.LN2);
    expect(c).toBe(30.000000000000092);
    expect(Math.abs(d! / Math.exp(-700) - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
  });

  test('softplus handles ±Infinity and NaN', () => {
    expect(Array.from(softplus([-Infinity, Infinity, Number.NaN]))).toEqual([0, Infinity, Number.NaN]);
  });

  test('softplus(x) - softplus(-x) = x (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const [a, b] = softplus([x, -x]);
        expect(Math.abs(a! - b! - x)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(x)));
      }),
    );
  });

  test('softplus in float32 rounds every step', () => {
    const out = softplus([1000, -20, 0], { precision: 'float32' });
    expect(out[0]).toBe(1000);
    expect(Math.fround(out[1]!)).toBe(out[1]);
    expect(Math.abs(out[1]! / 2.061153620314381e-9 - 1)).toBeLessThan(2 ** -22);
    expect(out[2]).toBe(Math.fround(Math.LN2));
  });

  test('softplus keeps the shape of a matrix and rejects an empty input', () => {
    const out = softplus(fromRows([[0, 1000]])) as Matrix;
    expect([out.rows, out.cols, ...out.data]).toEqual([1, 2, Math.LN2, 1000]);
    expect(() => softplus([])).toThrow(/^invalid x: \[\]/);
  });
});
