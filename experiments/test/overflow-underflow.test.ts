import { describe, expect, it } from 'vitest';
import { pick, runPoints } from './_harness.ts';

describe('overflow-underflow', () => {
  it('reproduces the notebook’s arrays', async () => {
    const recs = await runPoints('overflow-underflow', (p) => [10, 1000, -1000, 0].includes(p.c as number));
    const v = (input: string, c: number, precision = 'float64') => pick(recs, { input, c, precision }).values!;
    expect(v('constant', 10).naive).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(v('constant', 10).exp).toEqual(Array(5).fill(22026.465794806718));
    expect(v('constant', 1000).naive.every(Number.isNaN)).toBe(true);
  });
});
