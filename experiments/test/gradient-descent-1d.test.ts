import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { chapter, where } from './_chapter.ts';
import { num, runPoints } from './_harness.ts';

interface Ref {
  iterates: Record<string, number[]>;
  centralDifference: Record<string, number>;
}
const ref = chapter<Ref>('gradient-descent-1d');

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('gradient-descent-1d');
});

describe('gradient-descent-1d (Figure 4.1)', () => {
  it('runs the curve (81 points) and 7 runs of 21 iterates', () => {
    expect(records).toHaveLength(81 + 7 * 21);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
  });

  it('draws f′ by the central difference, NumPy’s (f(x + h) − f(x − h))/2h to the bit', () => {
    for (const [x, slope] of Object.entries(ref.centralDifference)) {
      const r = where(records, { part: 'curve', x: Number(x) })[0]!;
      expect(num(r, 'f′')).toBe(slope);
      expect(num(r, 'f′')).toBeCloseTo(Number(x), 10);
    }
  });

  it('ends every gradient-descent run where NumPy’s x ← x − ε·x does, step by step and bit for bit', () => {
    for (const [key, xs] of Object.entries(ref.iterates)) {
      const [x0, lr] = key.split(' ').map(Number) as [number, number];
      xs.forEach((want, k) => {
        const r = where(records, { part: 'descent', x0, lr, k })[0]!;
        expect([key, k, num(r, 'xk')]).toEqual([key, k, want]);
      });
    }
  });

  it('converges for ε < 2 = 2/f″ and diverges above: |x₂₀| from x₀ = 2', () => {
    const last = (lr: number) => num(where(records, { part: 'descent', x0: 2, lr, k: 20 })[0]!, 'distance');
    expect(last(0.5)).toBe(2 * 0.5 ** 20);
    expect(last(1.9)).toBeCloseTo(2 * 0.9 ** 20, 12);
    expect(last(2.1)).toBeCloseTo(2 * 1.1 ** 20, 10);
    expect(last(2.1)).toBeGreaterThan(2);
  });
});
