import { describe, expect, test } from 'vitest';
import { exp, FLOAT32_EXP_MAX, FLOAT32_EXP_MIN, FLOAT64_EXP_MAX, FLOAT64_EXP_MIN } from '../src/index.ts';

const F32 = { precision: 'float32' } as const;

/** The next double after x (x > 0). */
function nextUp(x: number): number {
  const b = new Float64Array([x]);
  const u = new BigUint64Array(b.buffer);
  u[0] = u[0]! + (x >= 0 ? 1n : -1n);
  return b[0]!;
}

describe('exp', () => {
  test('exp(89) overflows to Infinity in float32 but not in float64', () => {
    expect(exp(89, F32)).toBe(Infinity);
    // NumPy np.exp(89.0) = 4.4896128191743455e38; V8's Math.exp may differ in the last bit.
    expect(Math.abs(exp(89) / 4.4896128191743455e38 - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
    expect(exp(88.7, F32)).toBe(Math.fround(Math.exp(Math.fround(88.7))));
  });

  test('FLOAT32_EXP_MAX is ln of the largest float32; its float32 neighbours bracket the overflow', () => {
    expect(FLOAT32_EXP_MAX).toBe(Math.log(3.4028234663852886e38));
    expect(exp(88.72283172607422, F32)).toBe(Math.fround(3.4027985e38)); // NumPy float32
    expect(exp(Math.fround(FLOAT32_EXP_MAX), F32)).toBe(Infinity);
    expect(Math.fround(FLOAT32_EXP_MAX)).toBe(88.72283935546875);
  });

  test('FLOAT64_EXP_MAX is the largest double whose exp is finite', () => {
    expect(FLOAT64_EXP_MAX).toBe(Math.log(Number.MAX_VALUE));
    expect(exp(FLOAT64_EXP_MAX)).toBe(1.7976931348622732e308);
    expect(exp(nextUp(FLOAT64_EXP_MAX))).toBe(Infinity);
    expect(exp(709.78)).toBeLessThan(Infinity);
    expect(exp(709.79)).toBe(Infinity);
  });

  test('FLOAT64_EXP_MIN and FLOAT32_EXP_MIN are where exp reaches the smallest subnormal', () => {
    expect(FLOAT64_EXP_MIN).toBe(Math.log(Number.MIN_VALUE));
    expect(exp(FLOAT64_EXP_MIN)).toBe(Number.MIN_VALUE);
    expect(exp(-745.1332191019411)).toBe(Number.MIN_VALUE);
    expect(exp(-745.1332191019412)).toBe(0);
    expect(FLOAT32_EXP_MIN).toBe(Math.log(2 ** -149));
    expect(exp(FLOAT32_EXP_MIN, F32)).toBe(2 ** -149);
    expect(exp(-104, F32)).toBe(0);
    expect(exp(-104)).toBeGreaterThan(0);
  });

  test('exp passes NaN and ±Infinity through and validates its arguments', () => {
    expect(exp(Number.NaN)).toBeNaN();
    expect(exp(-Infinity, F32)).toBe(0);
    expect(() => exp('1' as never)).toThrow(/^invalid x: "1"/);
    expect(() => exp(1, { precision: 'half' as never })).toThrow(RangeError);
    expect(() => exp(1, 'float32' as never)).toThrow(/^invalid options: "float32"/);
  });
});
