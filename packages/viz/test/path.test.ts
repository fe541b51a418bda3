import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipPolyline, decimateColumns, encodeRuns, linePath, simplify } from '../src/_path.ts';
import { decodePath } from './_pathData.ts';

const id = (v: number): number => v;
const rect = { x0: 0, y0: 0, x1: 100, y1: 100 };

describe('path encoding', () => {
  it('encodeRuns writes relative pairs in hundredths: M12.34,5l-.05,1.5 2,0', () => {
    expect(encodeRuns([[12.34, 5, 12.29, 6.5, 14.29, 6.5]])).toBe('M12.34,5l-.05,1.5 2,0');
    expect(encodeRuns([[1, 1, 2, 2]], true)).toBe('M1,1l1,1z');
    expect(encodeRuns([[3, 4]])).toBe('M3,4h0');
  });

  it('encodeRuns round-trips any polyline to within 0.005 px, without accumulating error', () => {
    const point = fc.tuple(
      fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      fc.double({ min: -1e4, max: 1e4, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 200 }), (pts) => {
        const [sub] = decodePath(encodeRuns([pts.flat()]));
        const rounded = pts.map(([x, y]) => [Math.round(x * 100), Math.round(y * 100)]);
        // Consecutive duplicates (after rounding) are dropped.
        const distinct = rounded.filter(
          (p, i) => i === 0 || p[0] !== rounded[i - 1]![0] || p[1] !== rounded[i - 1]![1],
        );
        if (distinct.length === 1) return;
        expect(sub!.points).toHaveLength(distinct.length);
        sub!.points.forEach(([x, y], i) => {
          expect(Math.abs(x * 100 - distinct[i]![0]!)).toBeLessThan(1e-6);
          expect(Math.abs(y * 100 - distinct[i]![1]!)).toBeLessThan(1e-6);
        });
      }),
    );
  });
});

describe('clipPolyline', () => {
  it('clipPolyline cuts a segment at the rectangle and breaks at non-finite points', () => {
    const runs = clipPolyline(
      [50, 150, 50, 60, Number.NaN, 10, 20],
      [50, 50, 50, 60, 0, 10, 20],
      id,
      id,
      rect,
    );
    expect(runs).toEqual([
      [50, 50, 100, 50],
      [100, 50, 50, 50, 60, 60],
      [10, 10, 20, 20],
    ]);
  });

  it('clipPolyline handles a run that explodes to 1e300 (a diverged iterate) without NaN', () => {
    const runs = clipPolyline([10, 1e300, -1e300], [10, 1e300, 1e300], id, id, rect);
    expect(runs).toEqual([[10, 10, 100, 100]]);
    expect(encodeRuns(runs)).not.toMatch(/NaN|Infinity|e/);
  });
});

describe('thinning', () => {
  it('simplify keeps the ends and every point farther than the tolerance from the chord', () => {
    expect(simplify([0, 0, 1, 0.1, 2, 0, 3, 5, 4, 0], 0.25)).toEqual([0, 0, 2, 0, 3, 5, 4, 0]);
  });

  it('decimateColumns keeps first, min, max and last of each pixel column (M4)', () => {
    // 10 points in column 0, then 10 in column 1.
    const run: number[] = [];
    for (let i = 0; i < 20; i++) run.push(i / 10, [3, 9, 1, 5][i % 4]! + (i >= 10 ? 10 : 0));
    const out = decimateColumns(run);
    // Column 0: first (0, 3), max 9 at 0.1, min 1 at 0.2, last (0.9, 9). Column 1: the first point
    // (1, 11) is also the minimum; max 19 at 1.3; last (1.9, 15).
    expect(out).toEqual([0, 3, 0.1, 9, 0.2, 1, 0.9, 9, 1, 11, 1.3, 19, 1.9, 15]);
  });

  it('linePath thins a million-point noisy series on a 600-px axis to a few kB, ends kept', () => {
    const n = 1_000_000;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const ys = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 5e4) + (i % 7 === 0 ? 0.3 : 0));
    const sx = (v: number): number => (v / n) * 600;
    const sy = (v: number): number => 200 - v * 100;
    const d = linePath(xs, ys, sx, sy, { x0: 0, y0: 0, x1: 600, y1: 400 });
    const [sub] = decodePath(d);
    expect(d.length).toBeLessThan(40_000);
    expect(sub!.points[0]).toEqual([0, sy(ys[0]!)]);
    const last = sub!.points.at(-1)!;
    expect(last[0]).toBeCloseTo(sx(n - 1), 2);
    expect(last[1]).toBeCloseTo(sy(ys[n - 1]!), 2);
    // The envelope survives: the spikes of +0.3 reach the same top as in the data.
    const top = Math.min(...sub!.points.map((p) => p[1]));
    expect(top).toBeCloseTo(sy(ys.reduce((m, v) => Math.max(m, v))), 1);
  });
});
