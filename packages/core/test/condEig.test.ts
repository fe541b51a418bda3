import { describe, expect, test } from 'vitest';
import { cond, condEig, hilbert } from '../src/index.ts';

describe('condEig', () => {
  test('condEig(diag(1, 10, 100)) is 100', () => {
    expect(
      condEig([
        [1, 0, 0],
        [0, 10, 0],
        [0, 0, 100],
      ]),
    ).toBe(100);
  });

  test('condEig of the notebook matrix is √2: eigenvalues 1 ± i and 1, by modulus', () => {
    const c = condEig([
      [1, 0, -1],
      [0, 1, 0],
      [1, 0, 1],
    ]);
    expect(Math.abs(c - Math.SQRT2)).toBeLessThanOrEqual(2 * Number.EPSILON);
  });

  test('condEig equals cond for a symmetric matrix', () => {
    const h = hilbert(4);
    expect(Math.abs(condEig(h) / 15513.738738929662 - 1)).toBeLessThan(1e-10); // NumPy cond(hilbert(4))
    expect(Math.abs(condEig(h) / cond(h) - 1)).toBeLessThan(1e-10);
    expect(
      Math.abs(
        condEig([
          [2, 1],
          [1, 2],
        ]) - 3,
      ),
    ).toBeLessThanOrEqual(4 * Number.EPSILON); // eigenvalues 3, 1
  });

  test('condEig of a non-normal matrix can be far below cond', () => {
    const N = [
      [1, 1e4],
      [0, 1],
    ];
    expect(condEig(N)).toBe(1);
    expect(Math.abs(cond(N) / 100000001.99999999 - 1)).toBeLessThan(1e-12); // NumPy
  });

  test('condEig of a rotation (eigenvalues ±i) is 1', () => {
    expect(
      condEig([
        [0, -1],
        [1, 0],
      ]),
    ).toBe(1);
  });

  test('condEig of a singular matrix is Infinity or huge, never NaN', () => {
    expect(
      condEig([
        [0, 0],
        [0, 0],
      ]),
    ).toBe(Infinity);
    expect(
      condEig([
        [1, 0],
        [0, 0],
      ]),
    ).toBe(Infinity);
    expect(
      condEig([
        [1, 2],
        [2, 4],
      ]),
    ).toBeGreaterThan(1e15);
  });

  test('condEig rejects a non-square matrix', () => {
    expect(() => condEig([[1, 2, 3]])).toThrow(/^invalid A: "1x3 matrix" \(expected a square matrix\)/);
    expect(() => condEig([[Number.NaN]])).toThrow(RangeError);
  });
});
