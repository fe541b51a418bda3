import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numericalGradient } from '../src/numericalGradient.ts';
import { numericalGradientBatch } from '../src/numericalGradientBatch.ts';
import { numericalGradientInto } from '../src/numericalGradientInto.ts';
import { rosenbrock } from '../src/testFunctions/rosenbrock.ts';
import { sphere } from '../src/testFunctions/sphere.ts';

const sumSq = sphere(2).f;

describe('numericalGradient', () => {
  it('numericalGradient(sphere.f, [3, 4]) ≈ [6, 8]: [6.00000000000378, 7.999999999999119], as NumPy', () => {
    // The notebook's numerical_gradient(function_2, np.array([3.0, 4.0])) gives exactly these bits.
    expect(numericalGradient(sumSq, [3, 4])).toEqual(Float64Array.of(6.00000000000378, 7.999999999999119));
  });
  it('numericalGradient(sphere.f, x) matches NumPy bit for bit at [-3, 4], [0, 2], [1.5, -0.5]', () => {
    expect(numericalGradient(sumSq, [-3, 4])).toEqual(Float64Array.of(-6.00000000000378, 7.999999999999119));
    expect(numericalGradient(sumSq, [0, 2])).toEqual(Float64Array.of(0, 4.000000000004));
    expect(numericalGradient(sumSq, Float64Array.of(1.5, -0.5))).toEqual(
      Float64Array.of(2.9999999999996696, -0.9999999999998899),
    );
  });
  it('leaves the caller’s array untouched and passes f a Float64Array', () => {
    const x = [3, 4];
    const seen: unknown[] = [];
    numericalGradient((v) => {
      seen.push(v);
      return sumSq(v);
    }, x);
    expect(x).toEqual([3, 4]);
    expect(seen.every((v) => v instanceof Float64Array && v !== (x as unknown))).toBe(true);
  });
  it('numericalGradient of rosenbrock at (-1.2, 1) is within 1e-6 of the analytic gradient', () => {
    const r = rosenbrock();
    const g = numericalGradient(r.f, [-1.2, 1]);
    expect(g[0]).toBeCloseTo(-215.6, 5);
    expect(g[1]).toBeCloseTo(-88, 6);
  });
  it('options.h is used: h = 0.5 on x³ at 1 gives 3 + h² = 3.25', () => {
    expect(numericalGradient((v) => v[0]! ** 3, [1], { h: 0.5 })[0]).toBe(3.25);
  });
  it('rejects bad x and h', () => {
    expect(() => numericalGradient(sumSq, [])).toThrow('invalid x: [] (empty)');
    expect(() => numericalGradient(sumSq, [1, '2' as unknown as number])).toThrow(TypeError);
    expect(() => numericalGradient(sumSq, [1, 2], { h: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });
});

describe('numericalGradientInto', () => {
  it('writes the same bits as numericalGradient into out and restores x bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 6 }),
        (xs) => {
          const f = (v: Float64Array): number => {
            let s = 0;
            for (let i = 0; i < v.length; i++) s += Math.sin(v[i]!) * (i + 1);
            return s;
          };
          const x = Float64Array.from(xs);
          const before = Array.from(x);
          const out = new Float64Array(x.length);
          expect(numericalGradientInto(f, x, out)).toBe(out);
          expect(out).toEqual(numericalGradient(f, xs));
          for (let i = 0; i < x.length; i++) expect(Object.is(x[i], before[i])).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('perturbs x in place (f sees the caller’s array) and restores -0', () => {
    const x = Float64Array.of(-0, 2);
    const seen = new Set<Float64Array>();
    numericalGradientInto(
      (v) => {
        seen.add(v);
        return sumSq(v);
      },
      x,
      new Float64Array(2),
    );
    expect([...seen]).toEqual([x]);
    expect(Object.is(x[0], -0)).toBe(true);
  });
  it('restores x when f throws', () => {
    const x = Float64Array.of(1, 2, 3);
    let calls = 0;
    const f = (v: Float64Array): number => {
      if (++calls === 4) throw new Error('boom');
      return v[0]!;
    };
    expect(() => numericalGradientInto(f, x, new Float64Array(3))).toThrow('boom');
    expect(x).toEqual(Float64Array.of(1, 2, 3));
  });
  it('rejects a plain array x, an out of the wrong length or equal to x, and a bad h', () => {
    const x = Float64Array.of(1, 2);
    expect(() =>
      numericalGradientInto(sumSq, [1, 2] as unknown as Float64Array, new Float64Array(2)),
    ).toThrow(TypeError);
    expect(() => numericalGradientInto(sumSq, x, new Float64Array(3))).toThrow(
      /invalid out: .*expected length 2/,
    );
    expect(() => numericalGradientInto(sumSq, x, x)).toThrow(/invalid out: .*must not be x/);
    expect(() => numericalGradientInto(sumSq, x, new Float64Array(2), 0)).toThrow('invalid h: 0');
  });
});

describe('numericalGradientBatch', () => {
  it('gives one gradient per row, each bit-identical to numericalGradient', () => {
    const pts = [
      [3, 4],
      [-2, 0.25],
      [0, 0],
    ];
    const G = numericalGradientBatch(sumSq, pts);
    expect([G.rows, G.cols]).toEqual([3, 2]);
    for (let r = 0; r < 3; r++) {
      expect(G.data.subarray(2 * r, 2 * r + 2)).toEqual(numericalGradient(sumSq, pts[r]!));
    }
  });
  it('accepts a row-major Matrix (the notebook quiver grid: 18 × 18 points in [-2, 2.25]²) and returns ≈ 2x', () => {
    const ticks = Array.from({ length: 18 }, (_, i) => -2 + 0.25 * i);
    const data = new Float64Array(18 * 18 * 2);
    let k = 0;
    for (const y of ticks) {
      for (const x of ticks) {
        data[k++] = x;
        data[k++] = y;
      }
    }
    const G = numericalGradientBatch(sumSq, { rows: 324, cols: 2, data });
    expect(G.rows).toBe(324);
    for (let i = 0; i < data.length; i++) expect(Math.abs(G.data[i]! - 2 * data[i]!)).toBeLessThan(1e-10);
    expect(data[0]).toBe(-2); // input untouched
  });
  it('rejects ragged rows and an inconsistent Matrix', () => {
    expect(() => numericalGradientBatch(sumSq, [[1, 2], [3]])).toThrow(RangeError);
    expect(() => numericalGradientBatch(sumSq, { rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(
      'invalid points: "2x2 matrix with 3 entries"',
    );
  });
});
