import { describe, expect, test } from 'vitest';
import { fromRows, matrixNorm, type NormOrder } from '../src/index.ts';

const M = [
  [4, 1, 2],
  [0.5, 3, 1],
  [2, -1, 5],
];
const R = [
  [1, 2, 3],
  [4, 5, 6],
];

describe('matrixNorm', () => {
  // numpy.linalg.norm(X, p), NumPy 2.4.
  const numpy: [string, number[][], NormOrder, number][] = [
    ['M', M, 1, 8],
    ['M', M, -1, 5],
    ['M', M, 2, 6.662885096232936],
    ['M', M, -2, 2.177655992649713],
    ['M', M, Infinity, 8],
    ['M', M, -Infinity, 4.5],
    ['M', M, 'fro', 7.826237921249264],
    ['M', M, 'nuc', 12.321026194736977],
    ['R', R, 1, 9],
    ['R', R, -1, 5],
    ['R', R, 2, 9.508032000695724],
    ['R', R, -2, 0.7728696356734843],
    ['R', R, Infinity, 15],
    ['R', R, -Infinity, 6],
    ['R', R, 'fro', 9.539392014169456],
    ['R', R, 'nuc', 10.280901636369208],
  ];
  test.each(numpy)('matrixNorm(%s, %s) matches NumPy', (_, X, p, ref) => {
    expect(Math.abs(matrixNorm(X, p) - ref)).toBeLessThanOrEqual(4 * Number.EPSILON * ref);
    expect(matrixNorm(fromRows(X), p)).toBe(matrixNorm(X, p));
  });

  test('matrixNorm(A) defaults to Frobenius, like numpy.linalg.norm', () => {
    expect(
      matrixNorm([
        [1, 0, -1],
        [0, 1, 0],
        [1, 0, 1],
      ]),
    ).toBe(Math.sqrt(5));
  });

  test('matrixNorm(A, fro) neither overflows nor underflows (NumPy gives inf and 0 here)', () => {
    expect(matrixNorm([[1e200, 1e200]])).toBe(Math.SQRT2 * 1e200);
    expect(Math.abs(matrixNorm([[1e-200, 1e-200]]) / (Math.SQRT2 * 1e-200) - 1)).toBeLessThan(
      4 * Number.EPSILON,
    );
    expect(matrixNorm([[0, 0]])).toBe(0);
  });

  test('matrixNorm rejects bad orders', () => {
    expect(() => matrixNorm(M, 0)).toThrow(/^invalid p: 0/);
    expect(() => matrixNorm(M, {} as never)).toThrow(TypeError);
  });
  test("matrixNorm(A, null) is NumPy's norm(A, None): the Frobenius norm", () => {
    expect(matrixNorm(M, null)).toBe(matrixNorm(M, 'fro'));
  });
});
