import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../src/index.ts';

describe('mulberry32', () => {
  test('mulberry32(42) gives the reference sequence', () => {
    const rand = mulberry32(42);
    // Reference implementation (Tommy Ettinger's mulberry32, output / 2^32).
    expect(rand()).toBe(0.6011037519201636);
  });

  test('mulberry32(seed) is reproducible and stays in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = a();
      expect(u).toBe(b());
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.01);
  });
});
