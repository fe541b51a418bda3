import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { logSigmoid, sigmoid, softplus } from '../src/index.ts';

describe('logSigmoid', () => {
  test('logSigmoid(-1000) is -1000 where log(sigmoid(-1000)) is -Infinity', () => {
    expect(logSigmoid([-1000])[0]).toBe(-1000);
    expect(Math.log(sigmoid([-1000])[0]!)).toBe(-Infinity);
  });

  test('logSigmoid(x) matches SciPy log_expit', () => {
    expect(Array.from(logSigmoid([-30, 0, 30]))).toEqual([
      -30.000000000000092,
      -Math.LN2,
      -9.357622968839737e-14,
    ]);
  });

  test('logSigmoid handles ±Infinity and NaN', () => {
    expect(Array.from(logSigmoid([-Infinity, Infinity, Number.NaN]))).toEqual([-Infinity, 0, Number.NaN]);
  });

  test('logSigmoid(x) = -softplus(-x) exactly (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        expect(logSigmoid([x])[0]! === -softplus([-x])[0]!).toBe(true);
      }),
    );
  });

  test('logSigmoid in float32, on matrices, and an empty input', () => {
    expect(Array.from(logSigmoid([-1000, 0], { precision: 'float32' }))).toEqual([
      -1000,
      Math.fround(-Math.LN2),
    ]);
    expect(Array.from(logSigmoid([[-1000, 0]])[0]!)).toEqual([-1000, -Math.LN2]);
    expect(() => logSigmoid([])).toThrow(/^invalid x: \[\]/);
  });
});
