import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numericalDiff, numericalDiffWithError } from '../src/numericalDiff.ts';

const square = (x: number): number => x ** 2;

describe('numericalDiff', () => {
  it('numericalDiff(x => x**2, 3.0) is 6.000000000012662, as the notebook prints', () => {
    expect(numericalDiff(square, 3.0)).toBe(6.000000000012662);
  });
  it('numericalDiff(x => x**2, 4.0) is 7.999999999999119, as the notebook prints', () => {
    expect(numericalDiff(square, 4.0)).toBe(7.999999999999119);
  });
  it('numericalDiff(function_1, 5) and (function_1, 10) match NumPy: 0.1999999999990898, 0.2999999999986347', () => {
    const f1 = (x: number): number => 0.01 * x ** 2 + 0.1 * x;
    expect(numericalDiff(f1, 5)).toBe(0.1999999999990898);
    expect(numericalDiff(f1, 10)).toBe(0.2999999999986347);
  });
  it("method 'central' is the default and h defaults to 1e-4", () => {
    expect(numericalDiff(square, 3, { method: 'central', h: 1e-4 })).toBe(numericalDiff(square, 3));
  });

  it('forward and backward differences of x² are 2x ± h up to rounding', () => {
    expect(numericalDiff(square, 3, { method: 'forward', h: 1e-3 })).toBeCloseTo(6.001, 10);
    expect(numericalDiff(square, 3, { method: 'backward', h: 1e-3 })).toBeCloseTo(5.999, 10);
    expect(numericalDiff(square, 3, { method: 'forward', h: 0.5 })).toBe(6.5);
    expect(numericalDiff(square, 3, { method: 'backward', h: 0.5 })).toBe(5.5);
  });

  it('central differences are O(h²): the error of exp′(1) falls 100× when h falls 10×', () => {
    const e1 = Math.abs(numericalDiff(Math.exp, 1, { h: 1e-2 }) - Math.E);
    const e2 = Math.abs(numericalDiff(Math.exp, 1, { h: 1e-3 }) - Math.E);
    expect(e1 / e2).toBeGreaterThan(90);
    expect(e1 / e2).toBeLessThan(110);
  });

  it("method 'richardson' reaches 1e-12 relative accuracy on sin, exp, log and atan", () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20, noNaN: true }), (x) => {
        expect(Math.abs(numericalDiff(Math.sin, x, { method: 'richardson' }) - Math.cos(x))).toBeLessThan(
          1e-12,
        );
        const e = Math.exp(x / 4);
        expect(Math.abs(numericalDiff(Math.exp, x / 4, { method: 'richardson' }) - e) / e).toBeLessThan(
          1e-12,
        );
        const t = Math.abs(x) + 0.5;
        expect(Math.abs(numericalDiff(Math.log, t, { method: 'richardson' }) * t - 1)).toBeLessThan(1e-12);
        const datan = 1 / (1 + x * x);
        expect(Math.abs(numericalDiff(Math.atan, x, { method: 'richardson' }) - datan) / datan).toBeLessThan(
          1e-12,
        );
      }),
      { numRuns: 200 },
    );
  });

  it("'richardson' with its default step recovers sin′(100) (the first step 10 is too large: retried smaller)", () => {
    expect(Math.abs(numericalDiff(Math.sin, 100, { method: 'richardson' }) - Math.cos(100))).toBeLessThan(
      1e-12,
    );
  });

  it('rejects a non-function, a non-finite x, a bad h or method', () => {
    expect(() => numericalDiff(3 as unknown as (x: number) => number, 1)).toThrow(TypeError);
    expect(() => numericalDiff(square, Number.NaN)).toThrow(
      new RangeError('invalid x: NaN (expected a finite number)'),
    );
    expect(() => numericalDiff(square, 1, { h: 0 })).toThrow('invalid h: 0 (expected a finite number > 0)');
    expect(() => numericalDiff(square, 1, { h: -1e-4 })).toThrow(RangeError);
    expect(() => numericalDiff(square, 1, { method: 'centered' as 'central' })).toThrow(
      'invalid method: "centered" (expected one of central, forward, backward, richardson, complex-step; did you mean central?)',
    );
  });
});

describe('numericalDiffWithError', () => {
  it('returns the same value as numericalDiff for every method', () => {
    for (const method of ['central', 'forward', 'backward', 'richardson'] as const) {
      expect(numericalDiffWithError(Math.sin, 0.7, { method }).value).toBe(
        numericalDiff(Math.sin, 0.7, { method }),
      );
      expect(numericalDiffWithError(Math.sin, 0.7, { method, h: 0.05 }).value).toBe(
        numericalDiff(Math.sin, 0.7, { method, h: 0.05 }),
      );
    }
  });

  it("'richardson' error estimate is small and within 100× of the true error or below 1e-14", () => {
    for (const x of [-2, 0.3, 1, 4]) {
      const { value, error } = numericalDiffWithError(Math.exp, x, { method: 'richardson' });
      const trueError = Math.abs(value - Math.exp(x));
      expect(error).toBeLessThan(1e-12 * Math.exp(x));
      expect(trueError).toBeLessThanOrEqual(Math.max(100 * error, 1e-14 * Math.exp(x)));
    }
  });

  it("'central' estimate tracks the h² truncation error: sin′(1) at h = 1e-2, error ≈ h²·cos(1)/6", () => {
    const h = 1e-2;
    const { value, error } = numericalDiffWithError(Math.sin, 1, { h });
    const trueError = Math.abs(value - Math.cos(1));
    expect(trueError).toBeCloseTo((h * h * Math.cos(1)) / 6, 9);
    expect(error / trueError).toBeGreaterThan(0.9);
    expect(error / trueError).toBeLessThan(1.1);
  });

  it("'forward' estimate tracks the h truncation error: exp′(0) at h = 1e-3, error ≈ h/2", () => {
    const { value, error } = numericalDiffWithError(Math.exp, 0, { method: 'forward', h: 1e-3 });
    const trueError = Math.abs(value - 1);
    expect(error / trueError).toBeGreaterThan(0.9);
    expect(error / trueError).toBeLessThan(1.1);
  });

  it('flags a step too large for the function: sin at 100 with h = 10 has a large error estimate', () => {
    const { error } = numericalDiffWithError(Math.sin, 100, { method: 'richardson', h: 10 });
    expect(error).toBeGreaterThan(1e-3);
  });
});
