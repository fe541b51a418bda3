import fc from 'fast-check';
import { SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { cond, errorAmplification, hilbert, toRows } from '../src/index.ts';

const D = [
  [1, 0, 0],
  [0, 10, 0],
  [0, 0, 100],
];

const norm = (v: ArrayLike<number>): number => Math.hypot(...Array.from(v));

describe('errorAmplification', () => {
  test('errorAmplification(diag(1, 10, 100), e3) reaches cond(A) = 100 along e1', () => {
    const r = errorAmplification(D, [0, 0, 1]);
    expect(Array.from(r.x)).toEqual([0, 0, 0.01]);
    expect(r.bound).toBe(100);
    expect(Math.abs(r.worstDirectionAmplification / 100 - 1)).toBeLessThan(1e-9);
    expect(r.amplification).toBe(r.worstDirectionAmplification);
    expect(Math.abs(r.worstDirection[0]!)).toBe(1);
    expect(r.randomAmplifications).toHaveLength(8);
    for (const a of r.randomAmplifications) expect(a).toBeLessThanOrEqual(100 * (1 + 1e-9));
  });

  test('errorAmplification(diag(1, 10, 100), e1) amplifies nothing: 1/cond <= ratio <= 1', () => {
    // x = e1; any δb is shrunk by A⁻¹ at least as much as b was.
    const r = errorAmplification(D, [1, 0, 0]);
    expect(Math.abs(r.amplification - 1)).toBeLessThan(1e-9);
    for (const a of r.randomAmplifications) {
      expect(a).toBeGreaterThanOrEqual(0.01 * (1 - 1e-9));
      expect(a).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  test('the worst direction gives ‖b‖ / (σ_min ‖x‖)', () => {
    const b = [1, 2, 3];
    const r = errorAmplification(D, b);
    const expected = norm(b) / (1 * norm(r.x));
    expect(Math.abs(r.worstDirectionAmplification / expected - 1)).toBeLessThan(1e-6);
    expect(r.amplification).toBeLessThanOrEqual(r.bound);
  });

  test('errorAmplification(hilbert(6), u_max) comes close to cond(A) ≈ 1.5e7', () => {
    const h = hilbert(6);
    const svd = new SingularValueDecomposition(toRows('H', h));
    const uMax = svd.leftSingularVectors.getColumn(0);
    const r = errorAmplification(h, uMax, { relError: 1e-6, trials: 4 });
    expect(Math.abs(r.bound / 14951058.64177819 - 1)).toBeLessThan(1e-6); // NumPy cond(hilbert(6))
    expect(Math.abs(r.amplification / r.bound - 1)).toBeLessThan(1e-3);
    // Random directions hardly ever hit the worst case.
    for (const a of r.randomAmplifications) expect(a).toBeLessThan(r.amplification);
  });

  test('amplification <= cond(A)·(1 + 1e-4) for random well-posed systems (property)', () => {
    const entry = fc.integer({ min: -1000, max: 1000 }).map((v) => v / 100);
    fc.assert(
      fc.property(
        fc.array(fc.array(entry, { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
        fc.array(entry, { minLength: 3, maxLength: 3 }),
        fc.integer(),
        (A, b, seed) => {
          fc.pre(norm(b) > 1e-3 && cond(A) < 1e6);
          const r = errorAmplification(A, b, { trials: 4, seed });
          expect(Math.abs(r.bound / cond(A) - 1)).toBeLessThan(1e-12);
          expect(r.amplification).toBeLessThanOrEqual(r.bound * (1 + 1e-4));
          expect(r.amplification).toBeGreaterThanOrEqual((1 - 1e-4) / r.bound);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('the random directions are reproducible from the seed', () => {
    const a = errorAmplification(hilbert(4), [1, 1, 1, 1], { seed: 7 });
    const b = errorAmplification(hilbert(4), [1, 1, 1, 1], { seed: 7 });
    const c = errorAmplification(hilbert(4), [1, 1, 1, 1], { seed: 8 });
    expect(Array.from(a.randomAmplifications)).toEqual(Array.from(b.randomAmplifications));
    expect(Array.from(a.randomAmplifications)).not.toEqual(Array.from(c.randomAmplifications));
    const none = errorAmplification(hilbert(4), [1, 1, 1, 1], { trials: 0 });
    expect(none.randomAmplifications).toHaveLength(0);
    expect(none.amplification).toBe(none.worstDirectionAmplification);
  });

  test('errorAmplification rejects singular or non-square A, bad b and bad options', () => {
    expect(() =>
      errorAmplification(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 1],
      ),
    ).toThrow(/^invalid A: "2x2 matrix" \(singular/);
    expect(() => errorAmplification([[1, 2, 3]], [1])).toThrow(/expected a square matrix/);
    expect(() => errorAmplification(D, [1, 2])).toThrow(/^invalid b: \[1, 2\] \(expected length 3/);
    expect(() => errorAmplification(D, [0, 0, 0])).toThrow(/^invalid b: \[0, 0, 0\]/);
    expect(() => errorAmplification(D, [1, Number.NaN, 0])).toThrow(/^invalid b\[1\]: NaN/);
    expect(() => errorAmplification(D, [1, 1, 1], { relError: 0 })).toThrow(/^invalid options.relError: 0/);
    expect(() => errorAmplification(D, [1, 1, 1], { trials: 1.5 })).toThrow(/^invalid options.trials: 1.5/);
    expect(() => errorAmplification(D, [1, 1, 1], { seed: Number.NaN })).toThrow(/^invalid options.seed/);
  });
});
