import { describe, expect, it } from 'vitest';
import { learningRate } from '../src/index.ts';

describe('learningRate', () => {
  it("learningRate('constant', 0.1, k) is 0.1", () => {
    expect(learningRate('constant', 0.1, 0)).toBe(0.1);
    expect(learningRate({ type: 'constant' }, 0.1, 1000)).toBe(0.1);
  });

  it("learningRate({ type: 'step', every: 10, factor: 0.5 }, 0.1, k) halves every 10 steps", () => {
    const s = { type: 'step', every: 10, factor: 0.5 } as const;
    expect([0, 9, 10, 19, 20, 25].map((k) => learningRate(s, 0.1, k))).toEqual([
      0.1, 0.1, 0.05, 0.05, 0.025, 0.025,
    ]);
  });

  it("learningRate({ type: 'exponential', decay: 0.9 }, 1, 3) is 0.729", () => {
    expect(learningRate({ type: 'exponential', decay: 0.9 }, 1, 3)).toBeCloseTo(0.729, 15);
  });

  it("learningRate({ type: 'inverse-time', decay: 0.5 }, 1, 4) is 1/3", () => {
    expect(learningRate({ type: 'inverse-time', decay: 0.5 }, 1, 4)).toBe(1 / 3);
  });

  it("learningRate({ type: 'cosine', period: 100 }, 0.1, k) runs from 0.1 to 0 and stays there", () => {
    const s = { type: 'cosine', period: 100 } as const;
    expect(learningRate(s, 0.1, 0)).toBe(0.1);
    expect(learningRate(s, 0.1, 50)).toBeCloseTo(0.05, 15);
    expect(learningRate(s, 0.1, 100)).toBe(0);
    expect(learningRate(s, 0.1, 150)).toBe(0);
    // minLr floor, period defaulting to the horizon
    expect(learningRate({ type: 'cosine', minLr: 0.01 }, 0.1, 20, 20)).toBe(0.01);
    expect(learningRate({ type: 'cosine', minLr: 0.01 }, 0.1, 10, 20)).toBeCloseTo(0.055, 15);
  });

  it('rejects bad arguments naming them', () => {
    expect(() => learningRate('linear' as never, 0.1, 0)).toThrow(/^invalid schedule: "linear"/);
    expect(() => learningRate({ type: 'step', every: 0, factor: 0.5 }, 0.1, 0)).toThrow(
      /^invalid schedule\.every: 0/,
    );
    expect(() => learningRate('constant', -1, 0)).toThrow(/^invalid lr0: -1/);
    expect(() => learningRate('constant', 0.1, 1.5)).toThrow(/^invalid k: 1\.5/);
  });
});
