import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromRows, type Matrix, sigmoid } from '../src/index.ts';

describe('sigmoid', () => {
  test('sigmoid(±800) is 0 and 1 with no overflow', () => {
    expect(Array.from(sigmoid([-800, 0, 800]))).toEqual([0, 0.5, 1]);
  });

  test('sigmoid(x) matches SciPy expit and keeps relative accuracy for negative x', () => {
    const out = sigmoid([-30, 30, -700]);
    expect(Math.abs(out[0]! / 9.357622968839299e-14 - 1)).toBeLessThanOrEqual(4 * Number.EPSILON);
    expect(out[1]).toBe(0.9999999999999065);
    expect(Math.abs(out[2]! / Math.exp(-700) - 1)).toBeLessThanOrEqual(4 * Number.EPSILON);
  });

  test('sigmoid handles ±Infinity and NaN', () => {
    expect(Array.from(sigmoid([-Infinity, Infinity, Number.NaN]))).toEqual([0, 1, Number.NaN]);
  });

  test('sigmoid(x) + sigmoid(-x) = 1 (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        const [a, b] = sigmoid([x, -x]);
        expect(Math.abs(a! + b! - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
      }),
    );
  });

  test('sigmoid in float32 saturates at 1 already for x = 20', () => {
    expect(sigmoid([20])[0]).toBe(0.9999999979388463);
    expect(Array.from(sigmoid([20, -800, 0, 800], { precision: 'float32' }))).toEqual([1, 0, 0.5, 1]);
    const v = sigmoid([-20], { precision: 'float32' })[0]!;
    expect(Math.fround(v)).toBe(v);
    expect(Math.abs(v / 2.0611536181902037e-9 - 1)).toBeLessThan(2 ** -22);
  });

  test('sigmoid keeps the shape of a matrix and rejects an empty input', () => {
    const out = sigmoid(fromRows([[0], [800]])) as Matrix;
    expect([out.rows, out.cols, ...out.data]).toEqual([2, 1, 0.5, 1]);
    expect(Array.from(sigmoid([[0, 800]])[0]!)).toEqual([0.5, 1]);
    expect(() => sigmoid([])).toThrow(/^invalid x: \[\]/);
  });
});
