import { describe, expect, it } from 'vitest';
import { tangentLine } from '../src/tangentLine.ts';

// The notebook's function_1.
const function1 = (x: number): number => 0.01 * x ** 2 + 0.1 * x;

describe('tangentLine', () => {
  it('tangentLine(function_1, 5) has slope 0.1999999999990898 and intercept -0.24999999999544897 (NumPy)', () => {
    const tf = tangentLine(function1, 5);
    expect(tf.slope).toBe(0.1999999999990898);
    expect(tf.intercept).toBe(-0.24999999999544897);
  });
  it('tf(t) = d·t + y as the notebook: tf(10) is 1.749999999995449, tf(5) is 0.75 = function_1(5)', () => {
    const tf = tangentLine(function1, 5);
    expect(tf(10)).toBe(1.749999999995449);
    expect(tf(5)).toBe(0.75);
    expect(tf(0)).toBe(-0.24999999999544897);
  });
  it('passes options to numericalDiff: the Richardson tangent of sin at 0 is t ↦ t', () => {
    const tf = tangentLine(Math.sin, 0, { method: 'richardson' });
    expect(tf.slope).toBeCloseTo(1, 14);
    expect(tf.intercept).toBe(0);
  });
  it('rejects a non-finite x', () => {
    expect(() => tangentLine(function1, Number.NaN)).toThrow('invalid x: NaN');
  });
});
