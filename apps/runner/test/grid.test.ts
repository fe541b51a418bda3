import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linspace } from '../src/experiment/linspace.ts';
import { logspace } from '../src/experiment/logspace.ts';
import { pointsGrid } from '../src/experiment/pointsGrid.ts';
import { randomPoints } from '../src/experiment/randomPoints.ts';
import { values } from '../src/experiment/values.ts';

describe('grid helpers', () => {
  it('linspace(-4, 4, 100) starts as NumPy’s', () => {
    expect(linspace(-4, 4, 100).slice(0, 4)).toEqual([
      -4, -3.919191919191919, -3.8383838383838382, -3.757575757575758,
    ]);
  });

  it('linspace(a, b, n) has n values, ends exactly at a and b, and is monotone', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 2, max: 200 }),
        (a, b, n) => {
          // NumPy's start + i·step is monotone only when the step is not subnormal (linspace(0, 2e-323, 7)
          // rounds its step up and overshoots before the last value is set to stop), in NumPy too.
          fc.pre(a === b || Math.abs(b - a) / (n - 1) >= Number.MIN_VALUE * 2 ** 52);
          const v = linspace(a, b, n);
          expect(v).toHaveLength(n);
          // == rather than Object.is: like NumPy, linspace(-0, b, n)[0] is 0·step + (−0) = +0.
          expect(v[0] === a).toBe(true);
          expect(v[n - 1]).toBe(b);
          for (let i = 1; i < n; i++)
            expect(Math.sign(v[i]! - v[i - 1]!) * Math.sign(b - a)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('linspace(a, b, 1) is [a]; bad arguments throw naming them', () => {
    expect(linspace(3, 5, 1)).toEqual([3]);
    expect(() => linspace(0, 1, 0)).toThrow('invalid n: 0');
    expect(() => linspace(0, Number.NaN, 3)).toThrow('invalid stop: NaN');
    expect(() => linspace(0, 1, 2.5)).toThrow(RangeError);
  });

  it('logspace(-3, 0, 4) = [0.001, 0.01, 0.1, 1]; base 2', () => {
    expect(logspace(-3, 0, 4)).toEqual([0.001, 0.01, 0.1, 1]);
    expect(logspace(0, 3, 4, 2)).toEqual([1, 2, 4, 8]);
    expect(() => logspace(0, 1, 3, -2)).toThrow('invalid base: -2');
  });

  it('pointsGrid: first coordinate outermost, n per axis or per coordinate', () => {
    expect(
      pointsGrid(
        [
          [0, 1],
          [10, 30],
        ],
        [2, 3],
      ),
    ).toEqual([
      [0, 10],
      [0, 20],
      [0, 30],
      [1, 10],
      [1, 20],
      [1, 30],
    ]);
    expect(pointsGrid([[-4, 4]], 3)).toEqual([[-4], [0], [4]]);
    expect(() => pointsGrid([[1, 0]], 3)).toThrow(/expected lo <= hi/);
    expect(() => pointsGrid([[0, 1]], [2, 2])).toThrow(/expected 1 counts/);
  });

  it('randomPoints is seeded: same seed same points, inside the box; another seed differs', () => {
    const box = [
      [-4, 4],
      [0, 1],
    ] as const;
    const a = randomPoints(box, 50, 42);
    expect(randomPoints(box, 50, 42)).toEqual(a);
    expect(randomPoints(box, 50, 43)).not.toEqual(a);
    for (const [x, y] of a as [number, number][]) {
      expect(x).toBeGreaterThanOrEqual(-4);
      expect(x).toBeLessThan(4);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThan(1);
    }
    // mulberry32(42): first draw 0.6011037519201636 (reference implementation)
    expect(randomPoints([[0, 1]], 1, 42)[0]![0]).toBe(0.6011037519201636);
    expect(() => randomPoints(box, 3, -1)).toThrow('invalid seed: -1');
  });

  it('values(...) keeps a point as one value', () => {
    expect(values([-3, 4], [1, 2])).toEqual([
      [-3, 4],
      [1, 2],
    ]);
  });
});
