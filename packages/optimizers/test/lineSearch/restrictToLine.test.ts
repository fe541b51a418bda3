import { describe, expect, test } from 'vitest';
import { restrictToLine } from '../../src/lineSearch/restrictToLine.ts';
import { function2 } from '../_problems.ts';

describe('restrictToLine', () => {
  test("restrictToLine(problem, x, d) gives φ and φ' of f(x + αd), numerically without grad", () => {
    const { phi, dphi, phi0, dphi0 } = restrictToLine(function2, [-3, 4], [6, -8]);
    expect(phi0).toBe(25);
    expect(dphi0).toBeCloseTo(-100, 8);
    expect(phi(0.25)).toBe(6.25);
    expect(dphi(0.5)).toBeCloseTo(0, 8);
  });

  test('restrictToLine copies x and d', () => {
    const x = [1, 1];
    const { phi } = restrictToLine(function2, x, [1, 0]);
    x[0] = 100;
    expect(phi(1)).toBe(5);
  });

  test('restrictToLine rejects a direction of the wrong length', () => {
    expect(() => restrictToLine(function2, [1, 2], [1])).toThrow(/invalid d: \[1\] \(expected length 2\)/);
    expect(() => restrictToLine(null as never, [1], [1])).toThrow(TypeError);
  });
});
