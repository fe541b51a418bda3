import { describe, expect, it } from 'vitest';
import { makeRecorder, TrajectoryRecorder } from '../src/_trajectory.ts';
import { minimize } from '../src/index.ts';
import { sphere2 } from './_problems.ts';

describe('trajectory recording', () => {
  it('record: { every: 5 } keeps iterations 0, 5, 10, 15, 20 of 20', () => {
    const r = minimize(sphere2, [-3, 4], { lr: 0.1, maxIter: 20, record: { every: 5 } });
    const t = r.trajectory!;
    expect(t.iter).toEqual([0, 5, 10, 15, 20]);
    expect(t.x[4]).toEqual(Array.from(r.x));
    expect(t.f[4]).toBe(r.fun);
    expect(t.x[1]![0]).toBeCloseTo(-3 * 0.8 ** 5, 14);
    expect(t.gradNorm[0]).toBe(10);
    // step 5 moved x by 0.2·‖x₄‖ = 0.2 · 5 · 0.8⁴
    expect(t.stepLength[1]).toBeCloseTo(0.2 * 5 * 0.8 ** 4, 14);
  });

  it('record: { every: 7 } always keeps the final point', () => {
    const t = minimize(sphere2, [-3, 4], { lr: 0.1, maxIter: 20, record: { every: 7 } }).trajectory!;
    expect(t.iter).toEqual([0, 7, 14, 20]);
  });

  it('record: { max: 4 } doubles the spacing as it fills and spans the whole run', () => {
    const t = minimize(sphere2, [-3, 4], { lr: 0.1, maxIter: 20, record: { max: 4 } }).trajectory!;
    expect(t.iter).toEqual([0, 8, 16, 20]);
    expect(t.x).toHaveLength(4);
  });

  it('record: { max: 2 } keeps x0 and the final point', () => {
    const t = minimize(sphere2, [-3, 4], { lr: 0.1, maxIter: 20, record: { max: 2 } }).trajectory!;
    expect(t.iter).toEqual([0, 20]);
  });

  it('no trajectory when recording is off, and makeRecorder returns null', () => {
    expect(minimize(sphere2, [-3, 4], { maxIter: 3 }).trajectory).toBeUndefined();
    expect(minimize(sphere2, [-3, 4], { maxIter: 3, record: false }).trajectory).toBeUndefined();
    expect(makeRecorder(undefined)).toBeNull();
    expect(makeRecorder(false)).toBeNull();
  });

  it('the recorder stays within max over long runs (property of halving)', () => {
    for (const max of [2, 3, 5, 17]) {
      const rec = new TrajectoryRecorder(1, max);
      for (let k = 0; k < 1000; k++) if (rec.wants(k)) rec.push(k, [k], k, 0, 0);
      const t = rec.finish(1000, [1000], 1000, 0, 0);
      expect(t.iter.length).toBeLessThanOrEqual(max);
      expect(t.iter[0]).toBe(0);
      expect(t.iter.at(-1)).toBe(1000);
      for (let i = 1; i < t.iter.length; i++) expect(t.iter[i]!).toBeGreaterThan(t.iter[i - 1]!);
    }
  });
});
