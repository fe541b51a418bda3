import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromRows, logSumExp } from '../src/index.ts';

const F32 = { precision: 'float32' } as const;

describe('logSumExp', () => {
  test('logSumExp(x) is 1000 + ln 2 for x = [1000, 1000]', () => {
    expect(logSumExp([1000, 1000])).toBe(1000 + Math.LN2);
    expect(logSumExp([1000, 1000])).toBe(1000.6931471805599);
  });

  test('logSumExp([1, 2, 3, 4, 5]) matches the correctly rounded value', () => {
    expect(logSumExp([1, 2, 3, 4, 5])).toBe(5.451914395937593); // mpmath, SciPy
  });

  test('logSumExp([0, -40]) keeps the digits of a tiny remainder (log1p)', () => {
    // log(1 + e^-40) = 4.2483542552915889e-18 (mpmath); log(1 + s) would round it to 0.
    expect(logSumExp([0, -40])).toBe(4.248354255291589e-18);
    expect(logSumExp([-40, 0])).toBe(4.248354255291589e-18);
  });

  test('logSumExp(x) is finite for extreme finite x', () => {
    expect(logSumExp([-1000, -1000])).toBe(-1000 + Math.LN2);
    expect(logSumExp([Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Number.MAX_VALUE);
    expect(logSumExp([-Number.MAX_VALUE, 3])).toBe(3);
  });

  test('logSumExp([-Infinity, -Infinity]) is -Infinity with no NaN', () => {
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([-Infinity])).toBe(-Infinity);
    expect(logSumExp([-Infinity, 0])).toBe(0);
  });

  test('logSumExp(x) is Infinity when an entry is +Infinity', () => {
    expect(logSumExp([Infinity, 1])).toBe(Infinity);
    expect(logSumExp([-Infinity, Infinity])).toBe(Infinity);
  });

  test('logSumExp(x) propagates NaN', () => {
    expect(logSumExp([1, Number.NaN])).toBeNaN();
    expect(logSumExp([Number.NaN])).toBeNaN();
    expect(logSumExp([Infinity, Number.NaN])).toBeNaN();
    expect(logSumExp([Number.NaN, -Infinity])).toBeNaN();
    expect(logSumExp([1, Number.NaN], F32)).toBeNaN();
    expect(logSumExp([Infinity, Number.NaN], F32)).toBeNaN();
  });

  test('logSumExp of a matrix gives one value per row', () => {
    const expected = [1000 + Math.LN2, -Infinity];
    expect(
      Array.from(
        logSumExp([
          [1000, 1000],
          [-Infinity, -Infinity],
        ]),
      ),
    ).toEqual(expected);
    const m = fromRows([
      [1000, 1000],
      [-Infinity, -Infinity],
    ]);
    const out = logSumExp(m);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual(expected);
  });

  test('logSumExp(x, { precision: float32 }) rounds every step to float32', () => {
    const v = logSumExp([100, 100], F32);
    expect(v).toBe(Math.fround(100 + Math.fround(Math.LN2))); // 100.693146 as SciPy in float32
    expect(Math.abs(v - (100 + Math.LN2))).toBeLessThan(1e-5);
    expect(logSumExp([1000, 1000], F32)).toBe(Math.fround(1000 + Math.fround(Math.LN2)));
    // 1e39 is +Infinity in float32.
    expect(logSumExp([1e39, 0], F32)).toBe(Infinity);
    expect(logSumExp([-Infinity, -Infinity], F32)).toBe(-Infinity);
  });

  test('logSumExp rejects an empty input', () => {
    expect(() => logSumExp([])).toThrow(RangeError);
    expect(() => logSumExp([])).toThrow(/^invalid x: \[\]/);
    expect(() => logSumExp(new Float64Array(0))).toThrow(/^invalid x: \[\]/);
  });

  test('max(x) <= logSumExp(x) <= max(x) + log(n) (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 64 }),
        (x) => {
          const m = Math.max(...x);
          const l = logSumExp(x);
          expect(l).toBeGreaterThanOrEqual(m);
          expect(l).toBeLessThanOrEqual(
            m + Math.log(x.length) + 4 * Number.EPSILON * Math.max(1, Math.abs(m)),
          );
        },
      ),
    );
  });

  test('logSumExp(x) equals log(sum(exp(x))) where that does not overflow (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 32 }),
        (x) => {
          const direct = Math.log(x.reduce((s, v) => s + Math.exp(v), 0));
          expect(Math.abs(logSumExp(x) - direct)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(direct)));
        },
      ),
    );
  });
});
